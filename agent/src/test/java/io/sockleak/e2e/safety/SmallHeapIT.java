package io.sockleak.e2e.safety;

import io.sockleak.model.LeakReport;
import io.sockleak.e2e.safety.apps.ManySockets;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent in small heaps (issue 14): it keeps within a budget of a tenth of the heap, so an
 * application that runs without it runs with it; when the budget is reached it says so in one line,
 * and the shutdown report still lands, cut to the budget with the counts of what it left out.
 */
class SmallHeapIT {

    private static final String BUDGET_LINE = "sockleak: memory budget reached: ";

    @TempDir
    Path work;

    /** 10,000 sockets in a 16 MB heap: fine without the agent, fine with it (it tracks what its budget allows). */
    @Test
    void tenThousandSocketsIn16Mb() throws IOException {
        run(false, "16m", "hold", 5000).assertExitCode(0);

        Path reports = work.resolve("reports-hold");
        ChildJvm.Result result = run(true, "16m", "hold", 5000, "dir=" + reports).assertExitCode(0);
        assertTrue(result.stdout().contains("DONE"), result.stdout());
        assertNoOutOfMemory(result);
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        int budget = report.agent().maxTracked();
        assertTrue(budget < 10_000 && budget > 100, "tracked at most " + budget);
        assertTrue(report.agent().droppedUntracked() > 0, "the sockets beyond the budget are counted");
        // The correct-code twin of the 8,000-leak app: held, healthy connections, tracked or not, are no leak.
        assertEquals(0, report.summary().leaks(), "no leak among healthy held sockets: " + report.summary());
        assertEquals(1, Stderr.count(result.stderr(), BUDGET_LINE), result.stderr());
        assertTrue(result.stderr().contains(BUDGET_LINE + budget + " sockets tracked at most"), result.stderr());
        System.out.println("[SmallHeapIT] -Xmx16m, 10,000 sockets: " + budget + " tracked, "
                + report.agent().droppedUntracked() + " counted; " + heapLine(result));
    }

    /** 8,000 CLOSE_WAIT leaks at 32 and 48 MB: the app lives, and a cut shutdown report and one line say so. */
    @Test
    void eightThousandLeaksIn32And48Mb() throws IOException {
        for (String heap : new String[] {"32m", "48m"}) {
            run(false, heap, "closewait", 8000).assertExitCode(0);

            Path reports = work.resolve("reports-" + heap);
            ChildJvm.Result result = run(true, heap, "closewait", 8000, "dir=" + reports + ",minCloseWait=0,shutdownTimeout=1m")
                    .assertExitCode(0);
            assertTrue(result.stdout().contains("DONE"), result.stdout());
            assertNoOutOfMemory(result);
            LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
            int leaks = report.summary().closeWait() + report.summary().untracked();
            assertEquals(8000, leaks, "every leak counted, tracked or not: " + report.summary());
            assertTrue(report.leaks().size() < 8000, report.leaks().size() + " listed");
            assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("Report cut to the agent's memory budget: "
                    + report.leaks().size() + " of 8000 leaks listed")), String.valueOf(report.notes()));
            assertEquals(1, Stderr.count(result.stderr(), BUDGET_LINE), result.stderr());
            assertTrue(result.stderr().contains("sockleak: 8000 socket leaks found"), result.stderr());
            long bytes = largest(reports);
            System.out.println("[SmallHeapIT] -Xmx" + heap + ", 8,000 CLOSE_WAIT leaks: report of " + bytes
                    + " bytes listing " + report.leaks().size() + " leaks; tracked at most "
                    + report.agent().maxTracked() + "; " + heapLine(result));
        }
    }

    /**
     * A host whose other processes have 300,000 CLOSE_WAIT, LISTEN and inode-0 rows (through procRoot:
     * a generated net/tcp next to the real net/tcp6 and self): a 64 MB application keeps running and
     * its report finds its own leaks, none of the neighbours'.
     */
    @Test
    void aCrowdedHostsTablesIn64Mb() throws IOException {
        Path proc = Files.createDirectories(work.resolve("proc/net"));
        ForeignRows.write(proc.resolve("tcp"), 300_000, 900_000_000_000L);
        Files.createSymbolicLink(proc.resolve("tcp6"), Path.of("/proc/net/tcp6"));
        Files.createSymbolicLink(proc.getParent().resolve("self"), Path.of("/proc/self"));
        assertTrue(Files.size(proc.resolve("tcp")) > 30_000_000, "a large table: " + Files.size(proc.resolve("tcp")));

        Path reports = work.resolve("reports-crowded");
        ChildJvm.Result result = run(true, "64m", "closewait", 100,
                "dir=" + reports + ",minCloseWait=0,shutdownTimeout=1m,procRoot=" + proc.getParent()).assertExitCode(0);
        assertNoOutOfMemory(result);
        assertTrue(Files.isDirectory(reports), result.stderr());
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertTrue(report.kernel().available(), String.valueOf(report.kernel().reason()));
        assertEquals(100, report.summary().closeWait(), report.summary().toString());
        assertEquals(0, report.summary().untracked(), "none of the neighbours' CLOSE_WAIT rows is ours");
        assertEquals(0, report.listeners().size(), "none of the neighbours' 3,000 listeners: " + report.listeners());
        Stderr.assertOnlyAgentLinesAndNoStackTraces(result.stderr());
        System.out.println("[SmallHeapIT] -Xmx64m, 300,000 foreign rows: scan " + report.kernel().scanMillis()
                + " ms; " + heapLine(result));
    }

    private ChildJvm.Result run(boolean agent, String heap, String mode, int count, String... options) {
        ChildJvm child = ChildJvm.in(work).jvmArg("-Xmx" + heap).fileLimit(20_000)
                .main(ManySockets.class, mode, Integer.toString(count)).timeout(Duration.ofSeconds(120));
        if (agent) {
            child.agentOptions(String.join(",", options));
        } else {
            child.withoutAgent();
        }
        return child.run();
    }

    private static void assertNoOutOfMemory(ChildJvm.Result result) {
        assertFalse(result.stderr().contains("OutOfMemoryError") || result.stdout().contains("OutOfMemoryError"),
                result.stderr());
        assertFalse(result.stderr().contains("sockleak: out of memory"), result.stderr());
    }

    private static String heapLine(ChildJvm.Result result) {
        return result.stdout().lines().filter(l -> l.startsWith("HEAP-USED-MB")).findFirst().orElse("?");
    }

    private static long largest(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).max().orElse(0);
        }
    }
}
