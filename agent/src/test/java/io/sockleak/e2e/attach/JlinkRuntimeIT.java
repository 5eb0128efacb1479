package io.sockleak.e2e.attach;

import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.ChildReaper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.sockleak.e2e.attach.AttachTools.assertNoStackTrace;
import static io.sockleak.e2e.attach.AttachTools.cli;
import static io.sockleak.e2e.attach.AttachTools.lastLine;
import static io.sockleak.e2e.attach.AttachTools.tellAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A runtime without java.management, as jlink makes for containers (issue 14): the agent starts
 * without its one optional part, the MBean, and says so in its start line; it is never "not started"
 * while running; dump and stop work through the CLI, so it can be removed again.
 */
class JlinkRuntimeIT {

    /** The start says which part is off, naming the module. */
    private static final String JMX_OFF = "no java.management module";

    @TempDir
    static Path images;

    private static Path runtime;

    @TempDir
    Path work;

    @RegisterExtension
    final ChildReaper children = new ChildReaper();

    private ChildJvm.Started target;

    @BeforeAll
    static void link() throws IOException, InterruptedException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        assertTrue(Files.isExecutable(jlink), "jlink is part of every JDK the tests run on: " + jlink);
        runtime = images.resolve("no-management");
        Process p = new ProcessBuilder(jlink.toString(), "--add-modules", "java.base,java.instrument,jdk.attach",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--output", runtime.toString())
                .redirectErrorStream(true).redirectOutput(images.resolve("jlink.log").toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "jlink finished");
        assertEquals(0, p.exitValue(), Files.readString(images.resolve("jlink.log")));
        assertTrue(modules().contains("java.instrument") && !modules().contains("java.management"), modules());
    }

    private static String modules() {
        try {
            return Files.readString(runtime.resolve("release"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void premainStartsWithoutJmxAndSaysWhichPartIsOff() {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).javaHome(runtime).agentOptions("dir=" + reports + ",minCloseWait=0")
                .main(io.sockleak.e2e.leaks.apps.LeakScenarios.class, "socket-accepted").run().assertExitCode(0);
        assertFalse(result.stderr().contains("agent not started"), result.stderr());
        assertTrue(result.stderr().contains("started (premain), reports go to " + reports), result.stderr());
        assertEquals(1, result.stderr().lines().filter(l -> l.startsWith("sockleak: ") && l.contains(JMX_OFF)).count(),
                result.stderr());
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertTrue(report.summary().leaks() > 0, report.summary().toString());
        assertEquals(0, report.agent().errors(), String.valueOf(report.agent().lastError()));
    }

    @Test
    void attachDumpAndStopWorkWithoutJmx() throws Exception {
        target = children.keep(ChildJvm.in(work).javaHome(runtime).withoutAgent().main(LeakyTarget.class)
                .timeout(Duration.ofSeconds(90)).start());
        long pid = target.pid();
        tellAndAwait(target, null, "READY ");
        Path reports = work.resolve("reports");

        assertNoStackTrace(cli(work, "attach", Long.toString(pid), "dir=" + reports)).assertExitCode(0);
        assertTrue(target.stderr().contains("started (attach), reports go to " + reports), target.stderr());
        assertTrue(target.stderr().lines().anyMatch(l -> l.startsWith("sockleak: ") && l.contains(JMX_OFF)),
                target.stderr());

        tellAndAwait(target, "LEAK 1", "LEAKED ");
        ChildJvm.Result dump = assertNoStackTrace(cli(work, "dump", Long.toString(pid))).assertExitCode(0);
        Path written = Path.of(lastLine(dump.stdout()));
        assertTrue(written.startsWith(reports), dump.stdout());
        assertEquals("on-demand", ReportJson.read(written).trigger());

        ChildJvm.Result stop = assertNoStackTrace(cli(work, "stop", Long.toString(pid))).assertExitCode(0);
        assertTrue(stop.stdout().contains("JDK classes back to their original code"), stop.stdout());
        ChildJvm.Result again = cli(work, "dump", Long.toString(pid));
        assertTrue((again.stdout() + again.stderr()).contains("no sockleak agent"), again.stdout() + again.stderr());
        assertFalse(target.stderr().contains("agent not started"), target.stderr());
    }
}
