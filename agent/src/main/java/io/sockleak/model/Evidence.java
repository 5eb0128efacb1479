package io.sockleak.model;

/**
 * Why a socket is a leak: the codes written as {@code evidence} on every leak (docs/report-schema.md
 * lists them). Each is something the agent saw, not a guess from a stack.
 */
public enum Evidence {
    /** Seen in CLOSE_WAIT by more than one look, for at least {@code minCloseWait}. */
    CLOSE_WAIT_AGED,
    /** A read returned end-of-stream at least {@code minCloseWait} ago, and the socket is still open. */
    READ_EOF_KEPT,
    /** Borrowed from a pool, not returned, and in CLOSE_WAIT for at least {@code minCloseWait} (or at exit). */
    BORROWED_NOT_RETURNED,
    /**
     * Still open after every shutdown hook of the application had run, although the application had
     * read the peer's end-of-stream (younger than {@code minCloseWait}; older is READ_EOF_KEPT).
     */
    OPEN_AT_EXIT,
    /** The socket object was garbage-collected while its descriptor was open. */
    COLLECTED_OPEN
}
