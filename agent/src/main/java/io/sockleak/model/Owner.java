package io.sockleak.model;

/**
 * Who held a port when a bind failed: {@code bindFailures[].holders[].owner}.
 * Reports carry the JSON name as text ({@link #json()}), so that a reader keeps a value it does not
 * know (a newer agent's, a hand-written report's) instead of failing; the agent writes only these.
 */
public enum Owner {
    /** A descriptor of this process. */
    THIS_JVM("this-jvm"),
    /** An inode another process holds. */
    OTHER_PROCESS("other-process"),
    /** No process (inode 0: TIME_WAIT, an orphaned FIN_WAIT2, a connection in an accept queue). */
    NONE("none");

    private final String json;

    Owner(String json) {
        this.json = json;
    }

    /** The value written in reports. */
    public String json() {
        return json;
    }
}
