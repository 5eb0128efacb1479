package io.sockleak.e2e.safety;

import io.sockleak.e2e.safety.apps.EchoApp;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shutdown report that can never finish: procRoot's net/tcp is a FIFO nobody writes, so opening it
 * blocks for good (as a hung /proc or network file system would). The JVM still exits within
 * shutdownTimeout and a margin, says so in one line, and the application's exit code is its own.
 */
class ShutdownBoundIT {

    private static final long MARGIN_MILLIS = 4000;

    @TempDir
    Path work;

    @Test
    void aHangingShutdownReportDoesNotHoldTheJvm() throws Exception {
        Path proc = Files.createDirectories(work.resolve("proc/net"));
        mkfifo(proc.resolve("tcp"));
        Path reports = work.resolve("reports");

        ChildJvm.Result result = ChildJvm.in(work)
                .agentOptions("dir=" + reports + ",procRoot=" + proc.getParent() + ",shutdownTimeout=1s")
                .main(EchoApp.class, "announce-exit")
                .run();
        long exited = System.currentTimeMillis();
        result.assertExitCode(0);

        long exiting = Long.parseLong(result.stdout().lines().filter(l -> l.startsWith("EXITING "))
                .findFirst().orElseThrow().substring("EXITING ".length()));
        long took = exited - exiting;
        assertTrue(took >= 900, "waited for the report as long as allowed: " + took + " ms");
        assertTrue(took < 1000 + MARGIN_MILLIS, "exit took " + took + " ms");
        assertEquals(List.of("sockleak: shutdown report not finished within 1000 ms; exiting without it"),
                Stderr.lines(result.stderr()).stream().filter(l -> l.contains("shutdown report")).toList(),
                result.stderr());
        Stderr.assertOnlyAgentLinesAndNoStackTraces(result.stderr());
        assertEquals(List.of("round trip 0: pong to ping 0", "round trip 1: pong to ping 1",
                "round trip 2: pong to ping 2", "done"), result.stdout().lines().limit(4).toList());
        assertFalse(Files.exists(reports) && ChildJvm.reports(reports).size() > 0, "no report: it never finished");
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException noMkfifo) {
            Assumptions.abort("mkfifo not available: " + noMkfifo);
            return;
        }
        Assumptions.assumeTrue(p.waitFor() == 0, () -> "mkfifo failed");
    }
}
