package io.sockleak.control;

/**
 * The keys of an answer, one constant each, so the agent that writes them and the CLI that reads them
 * cannot drift apart. On the wire each is its {@link #wire()} name in a {@code key=value} line, as
 * before, so an older CLI still reads a newer agent's answer.
 */
public enum ReplyKey {
    STATUS("status"),
    MESSAGE("message"),
    STATE("state"),
    PID("pid"),
    AGENT_VERSION("agentVersion"),
    START_MODE("startMode"),
    AGENT_STARTED_AT("agentStartedAt"),
    JAVA_VERSION("javaVersion"),
    DIR("dir"),
    /** Repeats: one option changed by a re-attach, e.g. {@code interval=5m (was off)}. */
    CHANGE("change"),
    /** Repeats: a remark for the person at the prompt. */
    NOTE("note"),
    REPORT("report"),
    LEAKS("leaks"),
    CLOSE_WAIT("closeWait"),
    COLLECTED_OPEN("collectedOpen"),
    UNTRACKED("untracked"),
    TRACKED_OPEN("trackedOpen"),
    UNACCEPTED("unaccepted"),
    RESTORED_CLASSES("restoredClasses"),
    INSTRUMENTATION_REMOVED("instrumentationRemoved");

    private final String wire;

    ReplyKey(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
