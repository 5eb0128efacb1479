package io.sockleak.e2e.safety;

import io.sockleak.e2e.safety.apps.QuietApp;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the agent leaves in the process and on disk: report files readable by the JVM's user only, in
 * folders it creates likewise; no socket of its own, so no listener; only its own named daemon threads.
 */
class PrivacyIT {

    @TempDir
    Path work;

    /** Whatever the umask: the child runs with umask 000, which would otherwise give 0666 and 0777. */
    @Test
    void reportsAndTheFoldersTheAgentCreatesAreOwnerOnly() throws IOException {
        Path top = work.resolve("a");
        Path reports = top.resolve("b/reports");
        ChildJvm.in(work).agentOptions("dir=" + reports + ",summary=false")
                .runUnder("sh", "-c", "umask 000 && exec \"$@\"", "sh")
                .main(QuietApp.class).run().assertExitCode(0);
        for (Path dir : List.of(top, top.resolve("b"), reports)) {
            assertEquals("rwx------", permissions(dir), dir.toString());
        }
        List<Path> files = list(reports);
        assertEquals(2, files.size(), "the on-demand and the shutdown report: " + files);
        for (Path file : files) {
            assertEquals("rw-------", permissions(file), file.toString());
        }
    }

    /** A folder that exists is the user's: the agent does not change it (it may be /tmp), only its files are 0600. */
    @Test
    void anExistingFolderKeepsItsPermissions() throws IOException {
        Path reports = Files.createDirectories(work.resolve("shared"));
        Files.setPosixFilePermissions(reports, PosixFilePermissions.fromString("rwxr-xr-x"));
        ChildJvm.in(work).agentOptions("dir=" + reports + ",summary=false").main(QuietApp.class).run()
                .assertExitCode(0);
        assertEquals("rwxr-xr-x", permissions(reports));
        for (Path file : list(reports)) {
            assertEquals("rw-------", permissions(file), file.toString());
        }
    }

    @Test
    void noSocketOfItsOwnAndOnlyNamedDaemonThreads() {
        ChildJvm.Result alone = ChildJvm.in(work).withoutAgent().main(QuietApp.class).run().assertExitCode(0);
        ChildJvm.Result with = ChildJvm.in(work).agentOptions("dir=" + work.resolve("reports") + ",summary=false")
                .main(QuietApp.class).run().assertExitCode(0);

        assertTrue(alone.stdout().contains("\nTCP 0\nLISTENING 0\n"), alone.stdout());
        assertTrue(with.stdout().contains("bind failed as expected\nreport written\n"), with.stdout() + with.stderr());
        assertEquals(line(alone, "SOCKETS"), line(with, "SOCKETS"), "the agent holds no socket of any kind");
        assertTrue(with.stdout().contains("\nTCP 0\nLISTENING 0\n"), "no TCP socket, no listener:\n" + with.stdout());

        Set<String> agentThreads = new TreeSet<>(threads(with));
        agentThreads.removeAll(threads(alone));
        assertFalse(agentThreads.isEmpty(), "the agent's threads are visible");
        for (String thread : agentThreads) {
            assertTrue(thread.startsWith("sockleak-") && thread.endsWith(" daemon=true"),
                    "every thread the agent adds is a named daemon: " + agentThreads);
        }
        assertTrue(agentThreads.contains("sockleak-monitor daemon=true"), agentThreads.toString());
        assertTrue(agentThreads.contains("sockleak-failure-report daemon=true"), agentThreads.toString());
    }

    private static String line(ChildJvm.Result result, String key) {
        return result.stdout().lines().filter(l -> l.startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(key + " missing in\n" + result.stdout()));
    }

    private static Set<String> threads(ChildJvm.Result result) {
        return result.stdout().lines().filter(l -> l.startsWith("THREAD ")).map(l -> l.substring(7))
                .collect(Collectors.toSet());
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
