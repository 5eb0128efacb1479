package io.sockleak.report;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reports serialised but not yet written, oldest first. Bounded: at most {@code maxReports} and
 * {@code maxBytes} together (the newest is always kept, whatever its size); what does not fit is
 * dropped oldest first and counted. Not thread-safe: {@link ReportService} serialises access.
 */
final class PendingReports {

    /** One report waiting for its file. */
    record Pending(byte[] json, Instant at, String trigger) {
    }

    private final Deque<Pending> queue = new ArrayDeque<>();
    private final int maxReports;
    private final long maxBytes;
    private long bytes;
    private long dropped;

    PendingReports(int maxReports, long maxBytes) {
        this.maxReports = Math.max(1, maxReports);
        this.maxBytes = maxBytes;
    }

    /** Queues {@code report} as the newest; returns how many older ones were dropped to make room. */
    int add(Pending report) {
        queue.addLast(report);
        bytes += report.json().length;
        int droppedNow = 0;
        while (queue.size() > 1 && (queue.size() > maxReports || bytes > maxBytes)) {
            bytes -= queue.removeFirst().json().length;
            droppedNow++;
        }
        dropped += droppedNow;
        return droppedNow;
    }

    Pending oldest() {
        return queue.peekFirst();
    }

    void removeOldest() {
        Pending gone = queue.pollFirst();
        if (gone != null) {
            bytes -= gone.json().length;
        }
    }

    boolean contains(Pending report) {
        return queue.contains(report);
    }

    int size() {
        return queue.size();
    }

    long dropped() {
        return dropped;
    }
}
