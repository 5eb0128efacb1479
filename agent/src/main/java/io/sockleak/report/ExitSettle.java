package io.sockleak.report;

import io.sockleak.track.SocketRecord;

import java.util.List;

/**
 * The second look of the shutdown report. The report runs after every application shutdown hook, but
 * a server's stop may hand the closing of its connections to its own threads (Jetty's selectors do),
 * which finish a moment after the hook returned. Sockets that only being open at exit would make
 * leaks are watched until none has closed for {@value #QUIET_MILLIS} ms, {@value #MAX_MILLIS} ms at
 * most: the exit waits that long only when there are such sockets.
 */
final class ExitSettle {

    static final long QUIET_MILLIS = 300;
    static final long MAX_MILLIS = 1_000;
    private static final long POLL_MILLIS = 20;

    private ExitSettle() {
    }

    /** Waits as above; true when some of {@code candidates} closed meanwhile, so a new look is due. */
    static boolean awaitCloses(List<SocketRecord> candidates) {
        if (candidates.isEmpty()) {
            return false;
        }
        long start = System.nanoTime();
        long lastChange = start;
        int open = stillOpen(candidates);
        int atStart = open;
        try {
            while (open > 0 && millisSince(lastChange) < QUIET_MILLIS && millisSince(start) < MAX_MILLIS) {
                Thread.sleep(POLL_MILLIS);
                int now = stillOpen(candidates);
                if (now != open) {
                    open = now;
                    lastChange = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return open < atStart;
    }

    private static int stillOpen(List<SocketRecord> records) {
        int open = 0;
        for (SocketRecord r : records) {
            if (!r.fdReleased()) {
                open++;
            }
        }
        return open;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
