package io.sockleak.report;

import io.sockleak.support.Console;
import io.sockleak.diagnose.CloseWaitClock;
import io.sockleak.diagnose.Diagnoser;
import io.sockleak.kernel.KernelView;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ProcessInfo;
import io.sockleak.model.ReportJson;
import io.sockleak.model.ReportReadException;
import io.sockleak.model.Trigger;
import io.sockleak.track.SocketTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports that cannot be written: one line per distinct problem, kept in order and written on the
 * next retry or report, bounded, never half a file. The folder is made unwritable by putting a plain
 * file where its parent should be (permissions mean nothing to root, who runs these tests here).
 */
class ReportServiceWriteFailuresTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private ReportService service(Path dir) {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        return new ReportService(tracker, new KernelView(work.resolve("no-proc")), new Diagnoser(new CloseWaitClock(), () -> 0L),
                new ReportWriter(dir, 4242), () -> new ProcessInfo(4242, "Main", "17", "test", "premain",
                "2025-01-01T00:00:00Z", null),
                () -> new AgentStatus(0, null, 10, 0, 0, 8, 0, ""), List::of,
                new Console(new PrintStream(stderr, true, StandardCharsets.UTF_8)));
    }

    private List<String> lines() {
        return stderr.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Path blockedDir() throws IOException {
        Files.writeString(work.resolve("blocker"), "a file, not a folder");
        return work.resolve("blocker").resolve("reports");
    }

    private void unblock() throws IOException {
        Files.delete(work.resolve("blocker"));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().toList();
        }
    }

    @Test
    void failuresAreToldOnceKeptInOrderAndWrittenWhenTheFolderIsBack() throws Exception {
        Path dir = blockedDir();
        ReportService reports = service(dir);
        for (Trigger trigger : List.of(Trigger.INTERVAL, Trigger.THRESHOLD, Trigger.ON_DEMAND)) {
            ReportService.Written written = reports.report(trigger);
            assertNull(written.path());
            assertNotNull(written.report(), "the caller still gets the report");
        }
        assertNull(reports.retryPending());
        assertEquals(3, reports.pendingCount());
        assertEquals(List.of("sockleak: cannot write report to " + dir + ": FileSystemException ("
                + dir + ": Not a directory); will retry"), lines());

        unblock();
        Path last = reports.retryPending();
        assertEquals(0, reports.pendingCount());
        assertEquals(3, files(dir).size(), files(dir).toString());
        List<String> retried = lines().subList(1, lines().size());
        assertEquals(3, retried.size(), lines().toString());
        List<String> order = retried.stream()
                .map(l -> Path.of(l.substring("sockleak: report written after retry: ".length())))
                .map(ReportServiceWriteFailuresTest::read).map(LeakReport::trigger).toList();
        assertEquals(List.of("interval", "threshold", "on-demand"), order, "oldest first, none lost");
        assertEquals("on-demand", read(last).trigger());
    }

    @Test
    void aReportThatCanBeWrittenFirstWritesTheOnesStillWaiting() throws Exception {
        Path dir = blockedDir();
        ReportService reports = service(dir);
        reports.report(Trigger.INTERVAL);
        unblock();
        ReportService.Written fresh = reports.report(Trigger.ON_DEMAND);
        assertNotNull(fresh.path());
        assertEquals(0, reports.pendingCount());
        List<Path> written = files(dir);
        assertEquals(2, written.size());
        assertTrue(written.contains(fresh.path()));
        assertEquals(List.of("interval", "on-demand"),
                written.stream().map(ReportServiceWriteFailuresTest::read).map(LeakReport::trigger).sorted().toList());
        assertEquals("sockleak: report written after retry: " + written.stream().filter(p -> !p.equals(fresh.path()))
                .findFirst().orElseThrow(), lines().get(1));
    }

    @Test
    void theQueueIsBoundedAndSaysSoOnce() throws Exception {
        Path dir = blockedDir();
        ReportService reports = service(dir);
        for (int i = 0; i < ReportService.MAX_PENDING + 5; i++) {
            reports.report(Trigger.INTERVAL);
        }
        assertEquals(ReportService.MAX_PENDING, reports.pendingCount());
        assertEquals(2, lines().size(), lines().toString());
        assertEquals("sockleak: keeping only the newest 8 reports that could not be written; older ones are dropped",
                lines().get(1));
        unblock();
        reports.retryPending();
        assertEquals(ReportService.MAX_PENDING, files(dir).size());
    }

    @Test
    void aNewProblemIsToldAgainAfterARecovery() throws Exception {
        Path dir = blockedDir();
        ReportService reports = service(dir);
        reports.report(Trigger.INTERVAL);
        unblock();
        reports.retryPending();
        Files.delete(files(dir).get(0));
        Files.delete(dir);
        Files.delete(work.resolve("blocker"));
        Files.writeString(work.resolve("blocker"), "blocked again");
        reports.report(Trigger.INTERVAL);
        assertEquals(2, lines().stream().filter(l -> l.startsWith("sockleak: cannot write")).count(), lines().toString());
    }

    @Test
    void theTempFileIsNotNamedSoEveryRetryIsTheSameProblem() {
        String line = ReportWriter.describe(new java.nio.file.AccessDeniedException(
                "/r/.sockleak-12-3456789.tmp"));
        assertEquals("AccessDeniedException (temporary file)", line);
        assertEquals("FileSystemException (temporary file: Read-only file system)", ReportWriter.describe(
                new java.nio.file.FileSystemException("/r/.sockleak-12-99.tmp", null, "Read-only file system")));
        assertEquals("IOException (No space left on device)",
                ReportWriter.describe(new IOException("No space left on device")));
        assertEquals("NoSuchFileException (/r)", ReportWriter.describe(new java.nio.file.NoSuchFileException("/r")));
    }

    private static LeakReport read(Path p) {
        try {
            return ReportJson.read(p);
        } catch (ReportReadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
