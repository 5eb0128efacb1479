package io.sockleak.e2e.verdicts;

import io.sockleak.e2e.verdicts.apps.VerdictApp;
import io.sockleak.model.ReportJson;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts end to end, on plain JDK sockets in a child JVM under the built agent. */
class VerdictsIT {

    @TempDir
    Path work;

    @Test
    void aServerThatClosesItsConnectionsInItsOwnShutdownHookHasNoLeakAtExit() {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports)
                .main(VerdictApp.class, "closes-in-its-shutdown-hook", "4").run().assertExitCode(0);
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertEquals(List.of(), report.leaks(), "the agent's report must come after the server's hook: "
                + result.stderr());
        assertTrue(result.stderr().contains("sockleak: no socket leaks found"), result.stderr());
    }

    @Test
    void aSigtermToThatServerIsJudgedAfterItsHookToo() throws Exception {
        Path reports = work.resolve("reports");
        ChildJvm.Started child = ChildJvm.in(work).agentOptions("dir=" + reports).jvmArg("-DwaitForSignal=true")
                .main(VerdictApp.class, "closes-in-its-shutdown-hook", "4").start();
        child.awaitLine("READY", Duration.ofSeconds(20));
        child.process().destroy(); // SIGTERM
        child.await();
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertEquals(List.of(), report.leaks(), child.stderr());
    }

    @Test
    void atExitTheSocketWhoseEndOfStreamWasReadIsALeakAndItsUnreadTwinIsYoung() {
        Path reports = work.resolve("reports");
        ChildJvm.in(work).agentOptions("dir=" + reports)
                .main(VerdictApp.class, "eof-kept", "0").run().assertExitCode(0);
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertEquals(1, report.leaks().size(), report.leaks().toString());
        assertEquals("OPEN_AT_EXIT", report.leaks().get(0).evidence());
        assertEquals(1, report.summary().young(), "never read, CLOSE_WAIT for less than minCloseWait: not proven");
    }

    @Test
    void aSocketWhoseEndOfStreamWasReadAndKeptIsALeakAtTheFirstLookWhileItsUnreadTwinIsYoung() throws Exception {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports + ",minCloseWait=1s,scanInterval=off")
                .main(VerdictApp.class, "eof-kept", "1200").run().assertExitCode(0);
        String dump = result.stdout().lines().filter(l -> l.startsWith("DUMP ")).findFirst().orElseThrow()
                .substring("DUMP ".length());
        LeakReport report = ReportJson.read(Path.of(dump));
        assertEquals(1, report.leaks().size(), report.leaks().toString());
        Leak leak = report.leaks().get(0);
        assertEquals("READ_EOF_KEPT", leak.evidence());
        int port = Integer.parseInt(result.stdout().lines().filter(l -> l.startsWith("EOF-READ ")).findFirst()
                .orElseThrow().split(" ")[2]);
        assertTrue(leak.remote().endsWith(":" + port), leak.remote() + " vs " + port);
        assertEquals(1, report.summary().young(), "the unread socket, seen in CLOSE_WAIT for the first time");
        assertTrue(leak.frame().startsWith(VerdictApp.class.getName() + ".eofKept("), leak.frame());
    }
}
