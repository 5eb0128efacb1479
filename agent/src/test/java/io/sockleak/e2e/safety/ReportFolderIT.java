package io.sockleak.e2e.safety;

import io.sockleak.model.LeakReport;
import io.sockleak.e2e.safety.apps.ReportProbe;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report folder that cannot be written, three real ways: its parent is a plain file, its disk is
 * full, it is on a read-only mount (permissions would not do: these tests run as root). While it
 * cannot be written: one stderr line, the app answers as usual, no file at all appears. Once it can:
 * every report that failed appears whole and in order, and no temp file is left.
 */
class ReportFolderIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void parentIsAFile() throws IOException {
        Path blocker = work.resolve("blocker");
        Files.writeString(blocker, "a file where the report folder's parent should be");
        Path dir = blocker.resolve("reports");
        failThenRecover(dir, "FileSystemException (" + dir + ": Not a directory)", () -> delete(blocker));
    }

    @Test
    void diskFull() throws IOException {
        Path disk = Files.createDirectories(work.resolve("disk"));
        try (Mounts mounts = new Mounts()) {
            mounts.tmpfs(disk, 256);
            Path filler = disk.resolve("filler");
            fill(filler);
            failThenRecover(disk.resolve("reports"), "IOException (No space left on device)", () -> delete(filler));
        }
    }

    @Test
    void readOnlyFolder() throws IOException {
        Path dir = Files.createDirectories(work.resolve("read-only"));
        try (Mounts mounts = new Mounts()) {
            mounts.readOnly(dir);
            failThenRecover(dir, "FileSystemException (temporary file: Read-only file system)",
                    () -> mounts.writable(dir));
        }
    }

    private void failThenRecover(Path dir, String problem, Runnable fix) {
        ChildJvm.Started child = ChildJvm.in(work).agentOptions("dir=" + dir).main(ReportProbe.class).start();
        child.awaitLine("READY", WITHIN);
        for (int i = 1; i <= 3; i++) {
            child.tell("dump " + i);
            child.awaitLine("DUMPED " + i + " null", WITHIN);
        }
        child.tell("pending 1");
        child.awaitLine("PENDING 1 3", WITHIN);
        String cannot = "sockleak: cannot write report to " + dir + ": " + problem + "; will retry";
        assertEquals(List.of(cannot), Stderr.lines(child.stderr()).stream()
                .filter(l -> l.startsWith("sockleak: cannot write")).toList(), "told once: " + child.stderr());
        assertEquals(List.of(), files(dir), "nothing half-written, no temp file left");

        fix.run();
        Poll.until("the three reports to be written by the retry", WITHIN, () -> json(dir).size() == 3);
        child.tell("pending 2");
        child.awaitLine("PENDING 2 0", WITHIN);
        child.tell("exit");
        ChildJvm.Result result = child.await().assertExitCode(0);

        assertEquals(List.of("READY", "DUMPED 1 null", "DUMPED 2 null", "DUMPED 3 null", "PENDING 1 3", "PENDING 2 0",
                "BYE"), result.stdout().lines().toList());
        Stderr.assertOnlyAgentLinesAndNoStackTraces(result.stderr());
        assertEquals(1, Stderr.count(result.stderr(), "sockleak: cannot write"), result.stderr());
        assertEquals(3, Stderr.count(result.stderr(), "sockleak: report written after retry: " + dir), result.stderr());
        List<LeakReport> reports = ChildJvm.reports(dir);
        assertEquals(List.of("on-demand", "on-demand", "on-demand", "shutdown"),
                reports.stream().map(LeakReport::trigger).sorted().toList());
        reports.stream().filter(r -> r.trigger().equals("on-demand"))
                .forEach(r -> assertEquals(2, r.summary().trackedOpen(), "a whole report"));
        assertEquals(json(dir), files(dir), "only reports, no temp file");
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> json(Path dir) {
        return files(dir).stream().filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
}
