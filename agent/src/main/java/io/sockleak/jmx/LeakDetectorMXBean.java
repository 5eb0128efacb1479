package io.sockleak.jmx;

/**
 * The agent as JConsole, VisualVM and JMX exporters see it, under {@value LeakDetector#OBJECT_NAME}.
 * The counts are those of the report's summary, recomputed at most once a second however often
 * they are polled.
 */
public interface LeakDetectorMXBean {

    /** Tracked connections (not listeners) open now. */
    long getTrackedOpen();

    /** Tracked sockets in CLOSE_WAIT judged leaks (with evidence): the peer closed, this process never did. */
    long getCloseWait();

    /** Connections the kernel completed on this process's listeners that were never accepted. */
    long getUnaccepted();

    /** Sockets garbage-collected while still open (since the agent started). */
    long getCollectedOpen();

    /** CLOSE_WAIT sockets the agent never saw opened (opened before an attach, or by native code). */
    long getUntracked();

    /** CloseWait + CollectedOpen + Untracked: the number to alert on. */
    long getLeaks();

    /** Leaks by verdict: seen in CLOSE_WAIT by looks at least minCloseWait apart. */
    long getCloseWaitAged();

    /** Leaks by verdict: the application read the peer's end-of-stream at least minCloseWait ago and kept the socket. */
    long getReadEofKept();

    /** Leaks by verdict: borrowed from a pool, never returned, and the peer closed it. */
    long getBorrowedNotReturned();

    /** Leaks by verdict: still open after every shutdown hook, end-of-stream read (shutdown report only). */
    long getOpenAtExit();

    /** NOT leaks: idle pooled connections whose peer closed them; the pool drops them on its next borrow. */
    long getStalePooled();

    /** NOT leaks: sockets in CLOSE_WAIT for less than minCloseWait that nothing else proves leaked. */
    long getYoung();

    /** Errors the agent swallowed so the application would not see them. */
    long getErrors();

    /** Where reports are written. */
    String getReportDir();

    /** Writes an on-demand report now and returns its path. */
    String dump();
}
