package io.sockleak.e2e.safety;

import io.sockleak.e2e.leaks.apps.LeakScenarios;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No kernel view: /proc hidden (an empty folder as procRoot) or absent. The report is still written,
 * says kernel.available false and why, and keeps what only the JVM knows: sockets collected while
 * open, with the stack that opened them.
 */
class KernelUnavailableIT {

    @TempDir
    Path work;

    @Test
    void hiddenProc() throws IOException {
        Path emptyProc = Files.createDirectories(work.resolve("empty-proc"));
        LeakReport report = collectedWithProcRoot(emptyProc);
        assertEquals(emptyProc + "/net/tcp not readable: NoSuchFileException; " + emptyProc
                + "/net/tcp6 not readable: NoSuchFileException; " + emptyProc + "/self/fd not readable:"
                + " NoSuchFileException; " + emptyProc + "/self/limits not readable: NoSuchFileException",
                report.kernel().reason());
    }

    @Test
    void procRootThatDoesNotExist() {
        Path nowhere = work.resolve("no-such-proc");
        LeakReport report = collectedWithProcRoot(nowhere);
        assertTrue(report.kernel().reason().startsWith(nowhere + "/net/tcp not readable: NoSuchFileException"),
                report.kernel().reason());
    }

    /** Only net/tcp6 readable, no fd listing: a container that shows part of /proc is still "unavailable". */
    @Test
    void procWithoutTheProcessesFdListing() throws IOException {
        Path partial = Files.createDirectories(work.resolve("partial-proc/net"));
        Files.copy(Path.of("/proc/net/tcp6"), partial.resolve("tcp6"));
        LeakReport report = collectedWithProcRoot(partial.getParent());
        assertTrue(report.kernel().reason().contains("/self/fd not readable: NoSuchFileException"),
                report.kernel().reason());
    }

    private LeakReport collectedWithProcRoot(Path procRoot) {
        Path reports = work.resolve("reports-" + procRoot.getFileName());
        ChildJvm.Result result = ChildJvm.in(work)
                .agentOptions("dir=" + reports + ",procRoot=" + procRoot)
                .main(LeakScenarios.class, "collected")
                .run()
                .assertExitCode(0);
        Stderr.assertOnlyAgentLinesAndNoStackTraces(result.stderr());
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");

        assertFalse(report.kernel().available());
        assertNull(report.kernel().scanMillis());
        assertNull(report.process().fds(), "no descriptor counts without /proc");
        List<Leak> collected = report.leaks().stream().filter(l -> l.kind().equals("COLLECTED_OPEN")).toList();
        assertEquals(3, collected.size(), report.leaks().toString());
        assertEquals(report.leaks(), collected, "without the kernel there is no CLOSE_WAIT or untracked");
        assertEquals(3, report.summary().collectedOpen());
        String socketSite = expectedSite(result, "collected-socket");
        String channelSite = expectedSite(result, "collected-channel");
        assertEquals(2, collected.stream().filter(l -> l.stack().contains(socketSite)).count(), collected.toString());
        assertEquals(1, collected.stream().filter(l -> l.stack().contains(channelSite)).count(), collected.toString());
        collected.forEach(l -> {
            assertNull(l.state(), "no kernel state");
            assertTrue(l.collectedAt() != null && l.openedAt() != null && l.fd() != null, l.toString());
        });
        assertEquals(0, report.agent().errors(), String.valueOf(report.agent().lastError()));
        assertTrue(result.stderr().contains("sockleak: 3 socket leaks found: 0 CLOSE_WAIT, 3 collected while open,"
                + " 0 untracked; 0 connections never accepted [kernel view unavailable: " + report.kernel().reason()
                + "]"), result.stderr());
        return report;
    }

    private static String expectedSite(ChildJvm.Result result, String name) {
        return result.stdout().lines().filter(l -> l.startsWith("EXPECT-SITE " + name + " "))
                .map(l -> l.substring(("EXPECT-SITE " + name + " ").length())).findFirst()
                .orElseThrow(() -> new AssertionError("no site " + name + "\n" + result.stdout()));
    }
}
