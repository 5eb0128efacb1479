package io.sockleak.e2e.attach;

import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.sockleak.e2e.attach.AttachTools.assertFails;
import static io.sockleak.e2e.attach.AttachTools.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 14: a JVM killed with -9 leaves /tmp/hsperfdata_USER/PID behind, the pid is reused by a
 * process that is no JVM, and the Attach API's SIGQUIT would end it. Only libjvm.so in its maps
 * proves a JVM: attach, dump and stop refuse with one line and send nothing.
 */
class StaleHsperfdataIT {

    @TempDir
    Path work;

    private Process victim;
    private Path planted;
    private Path plantedDir;

    @AfterEach
    void cleanUp() throws IOException {
        if (victim != null) {
            victim.destroyForcibly();
            victim.onExit().join();
        }
        if (planted != null) {
            Files.deleteIfExists(planted);
        }
        if (plantedDir != null) {
            try {
                Files.deleteIfExists(plantedDir);
            } catch (java.nio.file.DirectoryNotEmptyException inUse) {
                // JVMs of this user use it
            }
        }
    }

    @Test
    void aStaleHsperfdataFileDoesNotMakeAProcessAJvm() throws Exception {
        victim = new ProcessBuilder("sleep", "300").start();
        long pid = victim.pid();
        // Precondition: SIGQUIT would end it (neither ignored nor caught), so a signal would show.
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        assertEquals(0, signalMask(status, "SigIgn:") & 0x4, "sleep ignores SIGQUIT:\n" + status);
        assertEquals(0, signalMask(status, "SigCgt:") & 0x4, "sleep catches SIGQUIT:\n" + status);

        // What a JVM killed with -9 leaves: its perf data file, named by the pid now reused.
        Path dir = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"));
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            plantedDir = dir;
        }
        planted = dir.resolve(Long.toString(pid));
        Files.write(planted, new byte[32 * 1024]);

        for (String command : new String[] {"attach", "dump", "stop"}) {
            ChildJvm.Result result = cli(work, command, Long.toString(pid));
            assertFalse(victim.waitFor(200, TimeUnit.MILLISECONDS),
                    "the process ended after '" + command + "': it was signalled (exit " + exitOf(victim) + ")");
            assertFails(result, 1, "pid " + pid + " (sleep) is not a Java VM");
        }
    }

    private static long signalMask(String status, String field) {
        return status.lines().filter(l -> l.startsWith(field)).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(field.length()).trim(), 16)).orElse(0L);
    }

    private static String exitOf(Process p) {
        return p.isAlive() ? "none" : Integer.toString(p.exitValue());
    }
}
