package io.sockleak.cli.analyse;

/**
 * One plain sentence per evidence code of a leak (and per kind of trouble that is not a leak): what it means
 * and the usual fix. {@code code} is the report's {@code evidence} (or, for a schema-1 report, its kind).
 */
enum LeakMeaning {

    CLOSE_WAIT_AGED(LeakKinds.CLOSE_WAIT_AGED, true, "the peer closed the connection, the agent saw it in"
            + " CLOSE_WAIT at more than one look (for at least minCloseWait), and this code never called close();"
            + " close the socket on every path (try-with-resources or finally), also after read errors."),
    READ_EOF_KEPT(LeakKinds.READ_EOF_KEPT, true, "the application read end-of-stream (the peer's close) at least"
            + " minCloseWait ago and kept the socket; close it when a read returns -1 (or null for a line)."),
    BORROWED_NOT_RETURNED(LeakKinds.BORROWED_NOT_RETURNED, true, "a pooled connection was borrowed and never given"
            + " back (its peer has closed it meanwhile); close the connection, statement or response where it was"
            + " borrowed (try-with-resources): for a pool, close() returns it."),
    OPEN_AT_EXIT(LeakKinds.OPEN_AT_EXIT, true, "the application read the peer's end-of-stream and the socket was"
            + " still open after every shutdown hook of the application had run: nothing was going to close it;"
            + " close it when the read returns -1, or in the owner's close()/shutdown."),
    COLLECTED_OPEN(LeakKinds.COLLECTED_OPEN, true, "a socket was dropped without close() and the garbage collector"
            + " found it still open; close it where its owner is done with it, or use try-with-resources."),
    CLOSE_WAIT(LeakKinds.CLOSE_WAIT, true, "the peer closed the connection and this code never called close();"
            + " close the socket on every path (try-with-resources or finally), also after end-of-stream and read"
            + " errors."),
    UNTRACKED("untracked", false, "the kernel shows leaked sockets the agent did not see being opened (before it"
            + " attached, from native code, or past maxTracked), so no stack is known; use the addresses to find the"
            + " owner."),
    UNACCEPTED("unaccepted", false, "connections wait in a listener's accept queue that nobody took: the accept"
            + " loop is stuck or too slow; look at the thread that calls accept() and at what blocks it."),
    STALE_POOLED("stale pooled, NOT a leak", false, "idle connections in a pool whose peer (server, proxy or"
            + " firewall) closed them; the pool drops them on its next borrow or eviction. Fewer appear when the"
            + " pool retires idle connections before the peer does (see each pool's advice above)."),
    YOUNG("young, NOT a leak", false, "sockets in CLOSE_WAIT for less than minCloseWait that nothing else proves"
            + " leaked: the application may still close them. Counted, not listed; a later report judges them.");

    private final String code;
    private final boolean evidence;
    private final String sentence;

    LeakMeaning(String code, boolean evidence, String sentence) {
        this.code = code;
        this.evidence = evidence;
        this.sentence = sentence;
    }

    /** The evidence code (or label) the meaning is shown under. */
    String label() {
        return code;
    }

    /** Whether this is the meaning of a leak's evidence code (counted from the leaks listed). */
    boolean isEvidence() {
        return evidence;
    }

    String sentence() {
        return sentence;
    }

    int countIn(Counts counts) {
        return switch (this) {
            case UNTRACKED -> counts.untracked();
            case UNACCEPTED -> counts.unaccepted();
            case STALE_POOLED -> counts.stalePooled();
            case YOUNG -> counts.young();
            default -> 0;
        };
    }
}
