package io.sockleak.model;

/** The kinds of leak the agent reports. */
public enum LeakKind {
    /** The peer closed; this process never did. */
    CLOSE_WAIT,
    /** The socket object was garbage-collected while still open. */
    COLLECTED_OPEN,
    /** A CLOSE_WAIT socket of this process the agent never saw opened (before attach, or native code). */
    UNTRACKED
}
