package io.sockleak.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PendingReportsTest {

    private static PendingReports.Pending report(int bytes, String trigger) {
        return new PendingReports.Pending(new byte[bytes], Instant.EPOCH, trigger);
    }

    @Test
    void dropsTheOldestBeyondTheCount() {
        PendingReports queue = new PendingReports(2, 1000);
        assertEquals(0, queue.add(report(1, "a")));
        assertEquals(0, queue.add(report(1, "b")));
        assertEquals(1, queue.add(report(1, "c")));
        assertEquals(2, queue.size());
        assertEquals("b", queue.oldest().trigger());
        assertEquals(1, queue.dropped());
    }

    @Test
    void dropsTheOldestBeyondTheBytesButAlwaysKeepsTheNewest() {
        PendingReports queue = new PendingReports(10, 100);
        queue.add(report(60, "a"));
        assertEquals(1, queue.add(report(60, "b")));
        PendingReports.Pending huge = report(500, "c");
        assertEquals(1, queue.add(huge));
        assertEquals(1, queue.size());
        assertSame(huge, queue.oldest());
        queue.removeOldest();
        assertEquals(0, queue.size());
        queue.add(report(100, "d"));
        assertEquals(1, queue.size(), "the bytes of removed reports are given back");
    }
}
