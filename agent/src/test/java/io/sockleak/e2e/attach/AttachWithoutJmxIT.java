package io.sockleak.e2e.attach;

import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.ChildReaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.sockleak.e2e.attach.AttachTools.assertNoStackTrace;
import static io.sockleak.e2e.attach.AttachTools.cli;
import static io.sockleak.e2e.attach.AttachTools.lastLine;
import static io.sockleak.e2e.attach.AttachTools.tellAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Targets where the control MBean cannot be reached: a runtime without java.management (jlinked
 * small), and one whose serialization filter refuses JMX's calls. The agent starts all the same, and
 * dump and stop fall back to loading the agent again, saying so in one line.
 */
class AttachWithoutJmxIT {

    private static final String WARNING = "WARNING: A Java agent has been loaded dynamically";

    @TempDir
    Path work;

    @RegisterExtension
    final ChildReaper children = new ChildReaper();

    private ChildJvm.Started target;

    @Test
    void withoutJavaManagementTheAgentStartsAndEveryCommandLoadsIt() throws Exception {
        // --limit-modules makes the other modules unobservable, as in a jlinked runtime without them.
        String stderr = attachDumpStop("has no JMX control channel (no java.management module there",
                "--limit-modules", "java.base,java.instrument");
        assertEquals(1, stderr.lines().filter(l -> l.contains("no java.management module: no MBean")).count(),
                stderr);
    }

    @Test
    void aTargetWhoseSerialFilterRefusesJmxCallsGetsTheAgentLoadedForEachCommand() throws Exception {
        // The JVM-wide filter of a hardened application refuses the classes JMX calls carry.
        attachDumpStop("through JMX (its local JMX connector did not let this CLI in: ", "-Djdk.serialFilter=!*");
    }

    /** Attach, leak, dump, stop; returns the target's stderr after it exited. */
    private String attachDumpStop(String expectedNote, String... jvmArgs) throws Exception {
        ChildJvm jvm = ChildJvm.in(work).withoutAgent();
        Stream.of(jvmArgs).forEach(jvm::jvmArg);
        target = children.keep(jvm.main(LeakyTarget.class).timeout(Duration.ofSeconds(60)).start());
        tellAndAwait(target, null, "READY ");
        String pid = Long.toString(target.pid());
        Path dir = work.resolve("reports");

        assertNoStackTrace(cli(work, "attach", pid, "dir=" + dir, "minCloseWait=0")).assertExitCode(0);
        tellAndAwait(target, "LEAK 1", "LEAKED ");

        ChildJvm.Result dump = assertNoStackTrace(cli(work, "dump", pid)).assertExitCode(0);
        List<String> notes = dump.stderr().lines().filter(l -> l.startsWith("sockleak dump: note: ")).toList();
        assertEquals(1, notes.size(), dump.stderr());
        assertTrue(notes.get(0).contains(expectedNote) && notes.get(0).endsWith("loading it again instead"),
                notes.get(0));
        Path report = Path.of(lastLine(dump.stdout()));
        assertTrue(report.startsWith(dir) && Files.isRegularFile(report), dump.stdout());
        LeakReport read = ReportJson.read(report);
        assertEquals(1, read.summary().closeWait(), "the leak after attach, found by the reloaded agent");

        ChildJvm.Result stop = assertNoStackTrace(cli(work, "stop", pid)).assertExitCode(0);
        assertTrue(stop.stderr().contains("loading it again instead"), stop.stderr());
        assertTrue(stop.stdout().contains("JDK classes back to their original code"), stop.stdout());

        target.tell("EXIT");
        ChildJvm.Result end = target.await().assertExitCode(0);
        assertFalse(end.stderr().contains("agent not started") || end.stderr().contains("Exception"), end.stderr());
        assertEquals(Runtime.version().feature() >= 21 ? 3 : 0,
                end.stderr().lines().filter(l -> l.contains(WARNING)).count(), "one warning per load: " + end.stderr());
        return end.stderr();
    }
}
