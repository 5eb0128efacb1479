package io.sockleak.e2e.safety;

import io.sockleak.model.ReportJson;
import io.sockleak.model.ReportReadException;
import io.sockleak.model.LeakReport;
import io.sockleak.e2e.safety.apps.ChurnApp;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 connections held open (5,000 pairs) while 200 threads churn connect/accept/close for 3 s,
 * with interval reports running: the registry ends at exactly the open count (no close lost, none
 * counted twice) and at 0 once all are closed, every report is whole, and the heap stays within budget.
 */
class LoadIT {

    private static final int PAIRS = 5_000;
    private static final int CHURNERS = 200;
    private static final long CHURN_MILLIS = 3_000;
    /** What the agent may add to the heap after GC with 10,000 sockets tracked (measured: about 15 MB). */
    private static final long HEAP_BUDGET_BYTES = 48L * 1024 * 1024;

    @TempDir
    Path work;

    private ChildJvm.Result run(ChildJvm child) {
        return child.jvmArg("-Xmx512m")
                .fileLimit(20_000)
                .timeout(Duration.ofSeconds(90))
                .main(ChurnApp.class, String.valueOf(PAIRS), String.valueOf(CHURNERS), String.valueOf(CHURN_MILLIS))
                .run()
                .assertExitCode(0);
    }

    @Test
    void theRegistryMatchesTheOpenCountAfterChurn() throws ReportReadException {
        Path reports = work.resolve("reports");
        ChildJvm.Result with = run(ChildJvm.in(work).agentOptions("dir=" + reports + ",interval=1s,summary=false"));
        ChildJvm.Result alone = run(ChildJvm.in(work).withoutAgent());
        System.out.println("with the agent:\n" + with.stdout() + "without:\n" + alone.stdout());
        Stderr.assertOnlyAgentLinesAndNoStackTraces(with.stderr());

        long expected = value(with, "EXPECTED");
        assertEquals(2L * PAIRS + 1, expected, "both ends of every pair and the listener");
        assertEquals(expected, value(with, "KERNEL") - value(with, "KERNEL-AFTER-CLOSE"), "the kernel agrees");
        assertTrue(value(with, "CHURNED") > 1000, "churn happened: " + line(with, "CHURNED"));
        assertTrue(line(with, "CHURNED").endsWith("failures 0 first none"), line(with, "CHURNED"));
        assertEquals(expected, value(with, "LIVE"), "no close lost, no socket counted twice");
        assertEquals(0, value(with, "LIVE-AFTER-CLOSE"));

        LeakReport dumped = ReportJson.read(Path.of(line(with, "REPORT").split(" ")[1]));
        assertEquals(2 * PAIRS, dumped.summary().trackedOpen());
        assertEquals(0, dumped.agent().errors(), String.valueOf(dumped.agent().lastError()));
        assertEquals(0, dumped.agent().droppedUntracked());
        assertTrue(dumped.kernel().available(), String.valueOf(dumped.kernel().reason()));
        assertTrue(dumped.agent().sitesInterned() < 100, "sites stay few: " + dumped.agent().sitesInterned());
        assertEquals(List.of(), dumped.leaks());

        List<LeakReport> all = ChildJvm.reports(reports);
        assertTrue(all.size() >= 3, "interval reports during the run, the dump, the shutdown: " + all.size());
        assertEquals(0, all.get(all.size() - 1).summary().trackedOpen(), "the shutdown report: all closed");

        long overhead = value(with, "HEAP") - value(alone, "HEAP");
        assertTrue(overhead < HEAP_BUDGET_BYTES, "the agent added " + overhead + " bytes of heap");
    }

    private static String line(ChildJvm.Result result, String key) {
        return result.stdout().lines().filter(l -> l.startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in\n" + result.stdout() + result.stderr()));
    }

    private static long value(ChildJvm.Result result, String key) {
        return Long.parseLong(line(result, key).split(" ")[1]);
    }
}
