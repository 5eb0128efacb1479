package io.sockleak.model;

/**
 * How a socket came to be: {@code leaks[].origin}.
 * Reports carry the JSON name as text ({@link #json()}), so that a reader keeps a value it does not
 * know (a newer agent's, a hand-written report's) instead of failing; the agent writes only these.
 */
public enum Origin {
    /** Returned by accept() on a listener. */
    ACCEPTED("accepted"),
    /** Connected by this process. */
    CONNECTED("connected"),
    /** A listening socket. */
    LISTENING("listening"),
    /** Not known (an untracked socket). */
    UNKNOWN("unknown");

    private final String json;

    Origin(String json) {
        this.json = json;
    }

    /** The value written in reports. */
    public String json() {
        return json;
    }
}
