package io.sockleak.e2e.pools;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract's verdicts, asserted on a report; every message carries the report. */
final class Verdicts {

    /** Decide at first sight, report every second, fire at the first leak, scan often (minimum 100ms). */
    static final String EVERY_TRIGGER = "minCloseWait=0,interval=1s,threshold=1,scanInterval=100ms";

    private Verdicts() {
    }

    static void noLeak(PoolReport report) {
        assertEquals(List.of(), report.leaks(), "no leak expected in " + report);
        assertEquals(0, report.summary("closeWait"), "summary.closeWait counts leaks only: " + report);
    }

    /** Nothing idle in a pool was closed by the peer (the summary still counts, as 0). */
    static void noStale(PoolReport report) {
        assertEquals(List.of(), report.stalePooled(), "stalePooled in " + report);
        assertEquals(0, report.summary("stalePooled"), "summary.stalePooled in " + report);
    }

    /** {@code count} idle pooled connections closed by the peer, listed under {@code pool}, and counted. */
    static void stale(PoolReport report, String pool, int count) {
        List<JsonNode> stale = report.stalePooled();
        assertEquals(count, stale.size(), "stalePooled in " + report);
        for (JsonNode s : stale) {
            assertEquals(pool, s.path("pool").asText(), "pool of " + s);
        }
        assertEquals(count, report.summary("stalePooled"), "summary.stalePooled in " + report);
    }

    /**
     * {@code count} leaks that were borrowed from {@code pool} at {@code borrowFrame} and never given back:
     * evidence BORROWED_NOT_RETURNED, the borrow's stack holding that line and {@code frame} naming it
     * (the pool opened the socket elsewhere, often on its own thread).
     */
    static void borrowedNotReturned(PoolReport report, String pool, String borrowFrame, int count) {
        List<JsonNode> lost = report.leaks(l -> pool.equals(l.path("pool").asText()));
        assertEquals(count, lost.size(), "leaks from " + pool + " in " + report);
        for (JsonNode leak : lost) {
            assertEquals("BORROWED_NOT_RETURNED", leak.path("evidence").asText(), "evidence of " + leak);
            assertEquals(borrowFrame, leak.path("frame").asText(), "frame of " + leak);
            assertTrue(PoolReport.strings(leak.path("borrowStack")).contains(borrowFrame),
                    "borrowStack of " + leak + " lacks " + borrowFrame);
            assertEquals("main", leak.path("borrowThread").asText(), "borrowThread of " + leak);
        }
    }

    /** {@code count} leaks of sockets no pool lends, opened at {@code frame}, with {@code evidence}. */
    static void unpooledLeaks(PoolReport report, String frame, int count, String... evidence) {
        List<JsonNode> leaks = report.leaks(l -> l.path("pool").isNull() || l.path("pool").isMissingNode());
        assertEquals(count, leaks.size(), "leaks outside pools in " + report);
        for (JsonNode leak : leaks) {
            assertTrue(List.of(evidence).contains(leak.path("evidence").asText()),
                    "evidence of " + leak + ", expected one of " + List.of(evidence));
            assertEquals(frame, leak.path("frame").asText(), "frame of " + leak);
            assertEquals(List.of(), PoolReport.strings(leak.path("borrowStack")), "borrowStack of " + leak);
        }
    }

    /**
     * Correct code: no leak in an on-demand report, in two interval reports, no threshold report
     * (threshold=1) though the monitor scanned every 100ms meanwhile, and none at shutdown.
     * {@code each} adds what every report must also show (e.g. the stale connections).
     */
    static void noLeakAtEveryTrigger(Path work, Class<?> app, Consumer<PoolReport> each) {
        try (PoolChild child = PoolChild.start(work, app, EVERY_TRIGGER)) {
            PoolReport dump = child.dump();
            noLeak(dump);
            each.accept(dump);
            int before = child.reports("interval").size();
            for (PoolReport interval : child.awaitNew("interval", before, 2)) {
                noLeak(interval);
                each.accept(interval);
            }
            assertEquals(List.of(), child.reports("threshold").stream().map(PoolReport::toString).toList(),
                    "threshold=1 must not fire on correct code");
            PoolReport shutdown = child.exit();
            noLeak(shutdown);
            each.accept(shutdown);
        }
    }
}
