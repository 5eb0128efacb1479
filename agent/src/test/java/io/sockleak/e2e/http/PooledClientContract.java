package io.sockleak.e2e.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockleak.testing.MarkedLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What issue 12 asks of every pooled HTTP client, against a real upstream that hangs up on idle
 * connections after 1 s: correct code is never reported as leaking (its idle pooled connections in
 * CLOSE_WAIT are {@code stalePooled}, with the pool named), at a dump, an interval, the threshold and
 * shutdown, also after load; leaking code has every leak found, with the application's line.
 */
abstract class PooledClientContract {

    static final int CONNECTIONS = 3;

    @TempDir
    static Path shared;
    private static Upstream upstream;

    @TempDir
    Path work;

    /** The child app (modes correct, load, leak; see ClientRun). */
    abstract Class<?> app();

    /** The pool's name in reports, as the contract spells it. */
    abstract String pool();

    /** Whether this client keeps idle connections the upstream closed (java.net.http closes them at once). */
    boolean keepsStaleIdleConnections() {
        return true;
    }

    @BeforeAll
    static void startUpstream() {
        upstream = Upstream.start(shared, Duration.ofSeconds(1));
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    ClientRunResult run(String mode) {
        return ClientRunResult.run(work, app(), upstream.port(), mode, CONNECTIONS);
    }

    /** The library hooks alone, apart from the verdicts: every socket is in the pool, idle or lent out. */
    @Test
    void libraryHooksTellIdleFromLentConnections() {
        ClientRunResult correct = run("correct");
        if (keepsStaleIdleConnections()) {
            assertEquals("{" + pool() + "/IDLE=" + CONNECTIONS + "}", correct.pooled(), correct.describe());
        }
        ClientRunResult leak = run("leak");
        assertEquals("{" + pool() + "/BORROWED=" + CONNECTIONS + "}", leak.pooled(), leak.describe());
    }

    @Test
    void correctCodeIsNeverReportedAndItsIdleConnectionsAreStalePooled() {
        ClientRunResult run = run("correct");
        assertNoLeakAnywhere(run);
        if (keepsStaleIdleConnections()) {
            assertEquals(CONNECTIONS, run.closeWait(), run.describe());
            assertStalePooled(run.dump(), CONNECTIONS, run);
            assertStalePooled(run.laterInterval(), CONNECTIONS, run);
        }
    }

    @Test
    void correctCodeUnderLoadIsNeverReported() {
        ClientRunResult run = run("load");
        assertNoLeakAnywhere(run);
        if (keepsStaleIdleConnections()) {
            // The app counted its CLOSE_WAIT sockets just before the dump; under load the server may
            // close one more idle connection in between, never fewer.
            assertTrue(run.closeWait() >= 1, run.describe());
            int stale = Reports.stalePooled(run.dump()).size();
            assertTrue(stale >= run.closeWait(), stale + " stale pooled, app counted " + run.closeWait() + "\n"
                    + run.describe());
            assertStalePooled(run.dump(), stale, run);
        }
    }

    @Test
    void leakingCodeHasEveryLeakFoundAtItsLine() {
        ClientRunResult run = run("leak");
        String frame = MarkedLine.frame(app(), "leak", "LEAK");
        assertEquals(CONNECTIONS, run.closeWait(), run.describe());
        for (JsonNode report : List.of(run.dump(), run.laterInterval())) {
            List<JsonNode> leaks = Reports.leaks(report);
            assertEquals(CONNECTIONS, leaks.size(), run.describe());
            for (JsonNode leak : leaks) {
                assertEquals("BORROWED_NOT_RETURNED", leak.path("evidence").asText(null), run.describe());
                assertEquals(pool(), leak.path("pool").asText(null), run.describe());
                assertEquals(frame, leak.path("frame").asText(null), run.describe());
                assertFalse(leak.path("borrowStack").isEmpty(), "the borrow was captured: " + leak);
            }
            assertTrue(Reports.stalePooled(report).isEmpty(), "leaked connections are not idle: " + run.describe());
        }
        assertFalse(Reports.withTrigger(run.all(), "threshold").isEmpty(), "threshold=1 fires: " + run.describe());
        List<JsonNode> atExit = Reports.leaks(run.shutdown());
        assertEquals(CONNECTIONS, atExit.size(), run.describe());
        atExit.forEach(leak -> assertEquals(frame, leak.path("frame").asText(null), run.describe()));
    }

    private static void assertNoLeakAnywhere(ClientRunResult run) {
        for (JsonNode report : run.all()) {
            assertTrue(Reports.leaks(report).isEmpty(), "no leak in " + report.path("_file").asText() + "\n" + run.describe());
        }
        assertTrue(Reports.withTrigger(run.all(), "threshold").isEmpty(), "threshold=1 never fires: " + run.describe());
    }

    private void assertStalePooled(JsonNode report, int expected, ClientRunResult run) {
        List<JsonNode> stale = Reports.stalePooled(report);
        assertEquals(expected, stale.size(), report.path("_file").asText() + "\n" + run.describe());
        for (JsonNode s : stale) {
            assertEquals(pool(), s.path("pool").asText(null), run.describe());
        }
        assertEquals(expected, report.path("summary").path("stalePooled").asInt(-1), run.describe());
    }
}
