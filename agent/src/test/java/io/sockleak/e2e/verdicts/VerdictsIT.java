package io.sockleak.e2e.verdicts;

import io.sockleak.e2e.verdicts.apps.VerdictApp;
import io.sockleak.model.ReportJson;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.ReportReadException;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts end to end, on plain JDK sockets in a child JVM under the built agent (never accepted included). */
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

    @Test
    void aConnectionIsNeverAcceptedOnceItHasWaitedNotWhenOneLookCatchesItQueued() throws Exception {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports + ",minCloseWait=1s,scanInterval=off")
                .main(VerdictApp.class, "accept-queue", "1200").run().assertExitCode(0);
        String port = field(result, "LISTENER", 1);

        // Correct code, caught between the handshake and accept(): in the queue, not never-accepted.
        ListenerEntry queued = listener(report(result, "QUEUED", 2), port);
        assertEquals(1, queued.acceptQueue(), queued.toString());
        assertEquals(List.of(), queued.unaccepted());
        ListenerEntry accepted = listener(report(result, "ACCEPTED", 1), port);
        assertEquals(0, accepted.acceptQueue(), accepted.toString());
        assertEquals(List.of(), accepted.unaccepted());

        // Left in the queue: not at the first look, at a look minCloseWait later, and at exit.
        LeakReport firstLook = report(result, "FIRST-LOOK", 2);
        assertEquals(0, firstLook.summary().unaccepted(), listener(firstLook, port).toString());
        LeakReport waited = report(result, "WAITED", 1);
        ListenerEntry stuck = listener(waited, port);
        assertEquals(1, stuck.unaccepted().size(), stuck.toString());
        assertEquals("127.0.0.1:" + field(result, "FIRST-LOOK", 1), stuck.unaccepted().get(0).remote());
        assertEquals(1, waited.summary().unaccepted());
        assertEquals(List.of(), waited.leaks(), "never accepted is not a leak count");
        assertEquals(1, ChildJvm.onlyReport(reports, "shutdown").summary().unaccepted());
    }

    /** Word {@code index} of the child's stdout line starting with {@code tag}. */
    private static String field(ChildJvm.Result result, String tag, int index) {
        return result.stdout().lines().filter(l -> l.startsWith(tag + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tag + " line in " + result.stdout())).split(" ")[index];
    }

    private static LeakReport report(ChildJvm.Result result, String tag, int index) throws ReportReadException {
        return ReportJson.read(Path.of(field(result, tag, index)));
    }

    private static ListenerEntry listener(LeakReport report, String port) {
        return report.listeners().stream().filter(l -> l.local().equals("127.0.0.1:" + port)).findFirst()
                .orElseThrow(() -> new AssertionError("no listener on " + port + ": " + report.listeners()));
    }
}
