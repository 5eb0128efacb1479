package io.sockleak.diagnose;

import io.sockleak.model.Evidence;
import io.sockleak.track.PooledConnection;
import io.sockleak.track.SocketRecord;

/**
 * The verdict on one socket in CLOSE_WAIT: a leak (with its evidence), a stale pooled connection
 * (idle in a pool that will drop it on its next borrow or eviction), or young (too fresh to tell, and
 * nothing else proves it). The peer closing is normal; only what the application does next decides.
 */
final class CloseWaitVerdict {

    /** What the socket is; {@code evidence} is set for leaks only. */
    enum Kind { LEAK, STALE_POOLED, YOUNG }

    record Verdict(Kind kind, Evidence evidence) {
        static final Verdict STALE = new Verdict(Kind.STALE_POOLED, null);
        static final Verdict YOUNG = new Verdict(Kind.YOUNG, null);

        static Verdict leak(Evidence evidence) {
            return new Verdict(Kind.LEAK, evidence);
        }
    }

    private final long minCloseWaitMillis;
    private final long nowMillis;
    private final boolean atExit;

    /**
     * @param nowMillis when the kernel was read
     * @param atExit    whether the application's shutdown hooks have all run: what is open now stays open
     */
    CloseWaitVerdict(long minCloseWaitMillis, long nowMillis, boolean atExit) {
        this.minCloseWaitMillis = minCloseWaitMillis;
        this.nowMillis = nowMillis;
        this.atExit = atExit;
    }

    /**
     * @param record      the agent's record, null for a socket it never saw opened
     * @param firstSeenMillis when a look first found this socket in CLOSE_WAIT; null: this look
     */
    Verdict judge(SocketRecord record, Long firstSeenMillis) {
        boolean aged = nowMillis - (firstSeenMillis == null ? nowMillis : firstSeenMillis) >= minCloseWaitMillis;
        PooledConnection pooled = record == null ? null : record.pooled();
        if (pooled != null && pooled.state() == PooledConnection.State.IDLE) {
            return Verdict.STALE;
        }
        if (pooled != null && pooled.state() == PooledConnection.State.BORROWED) {
            // At exit, a request in flight holds its connection too: only one borrowed long ago, by a
            // thread that has ended, or whose end-of-stream the application read, is proven lost.
            boolean provenAtExit = atExit && (endOfStreamRead(record) || pooled.borrowerEnded()
                    || nowMillis - pooled.sinceMillis() >= minCloseWaitMillis);
            return aged || provenAtExit || endOfStreamAged(record)
                    ? Verdict.leak(Evidence.BORROWED_NOT_RETURNED) : Verdict.YOUNG;
        }
        if (endOfStreamAged(record)) {
            return Verdict.leak(Evidence.READ_EOF_KEPT);
        }
        if (aged) {
            return Verdict.leak(Evidence.CLOSE_WAIT_AGED);
        }
        // At exit a young socket is a leak only if the application had read the peer's FIN and still
        // kept it: one it never read may belong to work still in flight (a request a server was
        // handling when it was stopped), which nothing proves abandoned.
        return atExit && endOfStreamRead(record) ? Verdict.leak(Evidence.OPEN_AT_EXIT) : Verdict.YOUNG;
    }

    private static boolean endOfStreamRead(SocketRecord record) {
        return record != null && record.endOfStreamAtMillis() != 0;
    }

    /** The application read the peer's end-of-stream long enough ago to have closed the socket. */
    private boolean endOfStreamAged(SocketRecord record) {
        long eof = record == null ? 0 : record.endOfStreamAtMillis();
        return eof != 0 && nowMillis - eof >= minCloseWaitMillis;
    }
}
