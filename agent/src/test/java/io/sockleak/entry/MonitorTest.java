package io.sockleak.entry;

import io.sockleak.report.ReportWriter;
import io.sockleak.report.ReportService;
import io.sockleak.support.Console;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockleak.diagnose.CloseWaitClock;
import io.sockleak.diagnose.Diagnoser;
import io.sockleak.kernel.KernelView;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.ProcessInfo;
import io.sockleak.track.SocketTracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTest {

    @TempDir
    Path work;

    @Test
    void anExpensiveScanPushesTheNextOneOutSoScansStayUnderHalfAPercentOfACore() {
        assertEquals(10_000, Monitor.nextScanDelay(10_000, 5), "a cheap scan keeps the interval");
        assertEquals(10_000, Monitor.nextScanDelay(10_000, 50));
        assertEquals(50_000, Monitor.nextScanDelay(10_000, 250), "250 ms of scan: the next in 50 s");
        assertEquals(2_000, Monitor.nextScanDelay(2_000, 0));
        assertEquals(Monitor.MAX_SCAN_DELAY_MILLIS, Monitor.nextScanDelay(10_000, 60_000), "but at most 10 minutes");
    }

    @Test
    void stoppingDoesNotWaitForScansScheduledLater() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ReportService reports = new ReportService(tracker, new KernelView(work.resolve("no-proc")),
                new Diagnoser(new CloseWaitClock(), () -> 0L), new ReportWriter(work.resolve("reports"), 4242),
                () -> new ProcessInfo(4242, "Main", "17", "test", "premain", "2025-01-01T00:00:00Z", null),
                () -> new AgentStatus(0, null, 10, 0, 0, 8, 0, ""), List::of, console);
        Monitor monitor = new Monitor(tracker, reports, console);
        monitor.start(Duration.ofMinutes(5), Duration.ofSeconds(30), 0); // first scan in 1 s, a report in 5 min

        long start = System.nanoTime();
        assertTrue(monitor.stop(Duration.ofSeconds(5)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 500, "stopped in " + tookMillis + " ms");
        assertEquals(0, tracker.errors());
    }
}
