package io.sockleak.e2e.attach;

import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.sockleak.e2e.attach.AttachTools.assertNoStackTrace;
import static io.sockleak.e2e.attach.AttachTools.cli;
import static io.sockleak.e2e.attach.AttachTools.tellAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attach from the host into a JVM that runs as a container's would: its own pid namespace (it is pid 1 there)
 * and its own /tmp (a tmpfs in its own mount namespace), same uid. What docs/containers.md says about attaching
 * from the host rests on this test; it needs root and util-linux's unshare, as CI has.
 */
class ContainerAttachIT {

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();

    private final List<Path> outsideDirs = new ArrayList<>();

    @AfterEach
    void endProcesses() throws java.io.IOException {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
        started.forEach(p -> p.onExit().join());
        for (Path dir : outsideDirs) {
            try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void attachDumpAndStopByTheHostsPid() throws Exception {
        Assumptions.assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"),
                "needs root: a new pid namespace");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs /usr/bin/unshare (util-linux)");
        // The private /tmp below hides a build folder under /tmp: the target runs from a copy of its classes.
        Path outside = Files.createTempDirectory(Path.of("/var/tmp"), "sockleak-container-it-");
        outsideDirs.add(outside);
        Path classes = outside.resolve("classes");
        AttachTools.copyClasses(classes, "LeakyTarget");
        ChildJvm.Started container = ChildJvm.in(work).withoutAgent().classPath(classes.toString())
                .runUnder("/usr/bin/unshare", "--pid", "--fork", "--mount", "--mount-proc", "--propagation", "private",
                        "/bin/sh", "-c", "mount -t tmpfs tmpfs /tmp && exec \"$@\"", "sh")
                .main(LeakyTarget.class).timeout(Duration.ofSeconds(120)).start();
        started.add(container.process());
        tellAndAwait(container, null, "READY ");
        // unshare forks: the JVM is its child, pid 1 in its namespace.
        long pid = Poll.value("the JVM under unshare", Duration.ofSeconds(10), () -> container.process().children()
                .map(ProcessHandle::pid).findFirst().orElse(null));
        assertEquals("1", nsPid(pid), "the JVM is pid 1 in its own pid namespace");

        ChildJvm.Result list = assertNoStackTrace(cli(work, "list")).assertExitCode(0);
        assertTrue(list.stdout().lines().anyMatch(l -> l.equals(pid + " " + LeakyTarget.class.getName())),
                "listed by the Attach API under the host's pid:\n" + list.stdout());

        ChildJvm.Result attach = assertNoStackTrace(cli(work, "attach", Long.toString(pid), "dir=/tmp/reports"))
                .assertExitCode(0);
        assertTrue(attach.stdout().contains("reports go to /tmp/reports"), attach.stdout());
        tellAndAwait(container, "LEAK 1", "LEAKED ");

        ChildJvm.Result dump = assertNoStackTrace(cli(work, "dump", Long.toString(pid))).assertExitCode(0);
        String inContainer = AttachTools.lastLine(dump.stdout());
        assertTrue(inContainer.startsWith("/tmp/reports/sockleak-1-"), "the path and pid as the JVM sees them: "
                + inContainer);
        assertTrue(Files.notExists(Path.of(inContainer)), "not in the host's /tmp");
        Path fromHost = Path.of("/proc", Long.toString(pid), "root").resolve(inContainer.substring(1));
        LeakReport report = ReportJson.read(fromHost);
        assertEquals(1L, report.process().pid(), "the report names the JVM by its pid in the container");
        assertTrue(report.summary().trackedOpen() >= 1, "the socket opened after the attach is tracked");

        assertNoStackTrace(cli(work, "stop", Long.toString(pid))).assertExitCode(0);
        assertEquals("ECHO ok", tellAndAwait(container, "ECHO", "ECHO "));
    }

    private static String nsPid(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("NSpid:")).findFirst().orElseThrow().split("\\s+")[2];
    }
}
