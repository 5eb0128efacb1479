package io.sockleak.e2e.leaks;

import io.sockleak.e2e.leaks.apps.LeakScenarios;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.SiteEntry;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of leak, each in a real child JVM started with the built agent jar on real loopback
 * sockets; the shutdown report must list exactly those leaks. Runs on whatever JDK runs the build.
 */
class AgentLeaksIT {

    @TempDir
    Path work;

    private ChildReport run(String... scenarios) {
        return runWithOptions("", scenarios);
    }

    private ChildReport runWithOptions(String extraOptions, String... scenarios) {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work)
                .agentOptions("dir=" + reports + extraOptions)
                .main(LeakScenarios.class, scenarios)
                .run()
                .assertExitCode(0);
        assertTrue(result.stdout().contains("DONE"), result.stdout() + result.stderr());
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        return ChildReport.of(report, result);
    }

    private static void assertLeak(Leak leak, String kind, String origin, String api, String expectedFrame) {
        assertEquals("main", leak.thread());
        assertLeakAt(leak, kind, origin, api, expectedFrame);
    }

    private static void assertLeakAt(Leak leak, String kind, String origin, String api, String expectedFrame) {
        assertEquals(kind, leak.kind());
        assertEquals(origin, leak.origin());
        assertEquals(api, leak.api());
        assertNotNull(leak.fd());
        assertNotNull(leak.openedAt());
        assertNotNull(leak.site());
        assertTrue(leak.stack().contains(expectedFrame), () -> expectedFrame + " not in " + leak.stack());
        assertFalse(leak.stack().get(0).contains("io.sockleak."), "no agent frames: " + leak.stack());
        assertTrue(leak.stack().get(0).startsWith("java.base/"), "starts at the JDK method called: " + leak.stack());
    }

    private static void assertCloseWait(Leak leak) {
        assertEquals("CLOSE_WAIT", leak.state());
        assertNotNull(leak.inode());
        assertTrue(leak.local().startsWith("127.0.0.1:"), leak.local());
        assertTrue(leak.remote().startsWith("127.0.0.1:"), leak.remote());
        assertNotNull(leak.closeWaitSince());
        assertNotNull(leak.closeWaitSeconds());
    }

    @Test
    void acceptedJavaNetSocketsInCloseWait() {
        ChildReport child = run("socket-accepted");
        List<Leak> leaks = child.report().leaks();
        assertEquals(2, leaks.size(), child.describe());
        for (Leak leak : leaks) {
            assertLeak(leak, "CLOSE_WAIT", "accepted", "socket", child.expectedFrame("socket-accepted"));
            assertCloseWait(leak);
            assertTrue(leak.stack().get(0).startsWith("java.base/java.net.ServerSocket.accept("), leak.stack().get(0));
        }
        assertEquals(2, child.report().summary().closeWait());
        assertEquals(2, child.report().summary().trackedOpen());
        assertEquals(0, child.report().summary().unaccepted());
        List<SiteEntry> sites = child.report().sites();
        assertEquals(1, sites.size());
        assertEquals(2, sites.get(0).count());
        assertEquals(child.expectedFrame("socket-accepted"), sites.get(0).frame());
        assertEquals(leaks.get(0).site(), sites.get(0).site());
    }

    @Test
    void connectedJavaNetSocketsInCloseWait() {
        ChildReport child = run("socket-connected");
        assertEquals(2, child.report().leaks().size(), child.describe());
        for (Leak leak : child.report().leaks()) {
            assertLeak(leak, "CLOSE_WAIT", "connected", "socket", child.expectedFrame("socket-connected"));
            assertCloseWait(leak);
        }
    }

    @Test
    void descriptorsReusedAfterTheAgentRememberedTheirInodesAreReportedAsTheNewSockets() {
        ChildReport child = run("reused-fd");
        List<Integer> reused = child.result().stdout().lines().filter(l -> l.startsWith("REUSED-FD "))
                .map(l -> Integer.parseInt(l.substring("REUSED-FD ".length()))).toList();
        assertFalse(reused.isEmpty(), child.describe());
        assertEquals(5, child.report().leaks().size(), child.describe());
        for (Leak leak : child.report().leaks()) {
            assertLeak(leak, "CLOSE_WAIT", "connected", "socket", child.expectedFrame("reused-fd"));
            assertCloseWait(leak);
        }
        assertTrue(child.report().leaks().stream().map(Leak::fd).toList().containsAll(reused), child.describe());
    }

    @Test
    void nioChannelsAcceptedConnectedAndAdaptorsInCloseWait() {
        ChildReport child = run("channel-accepted", "channel-connected", "channel-nonblocking-connected",
                "adaptor-accepted");
        assertEquals(4, child.report().leaks().size(), child.describe());
        assertEquals(4, child.report().summary().closeWait());
        for (Leak leak : child.report().leaks()) {
            assertCloseWait(leak);
        }
        assertLeak(leakAt(child, "channel-accepted"), "CLOSE_WAIT", "accepted", "channel",
                child.expectedFrame("channel-accepted"));
        assertLeak(leakAt(child, "channel-connected"), "CLOSE_WAIT", "connected", "channel",
                child.expectedFrame("channel-connected"));
        assertLeak(leakAt(child, "adaptor-accepted"), "CLOSE_WAIT", "accepted", "channel",
                child.expectedFrame("adaptor-accepted"));
        if (!child.expectedFrame("channel-nonblocking-connected").equals("immediate")) {
            assertLeak(leakAt(child, "channel-nonblocking-connected"), "CLOSE_WAIT", "connected", "channel",
                    child.expectedFrame("channel-nonblocking-connected"));
        }
    }

    @Test
    void asyncChannelsInCloseWait() {
        ChildReport child = run("async-accepted", "async-connected");
        assertEquals(2, child.report().leaks().size(), child.describe());
        Leak accepted = child.leaks(l -> l.origin().equals("accepted")).get(0);
        assertEquals("async", accepted.api());
        assertCloseWait(accepted);
        assertNotNull(accepted.site());
        Leak connected = child.leaks(l -> l.origin().equals("connected")).get(0);
        assertLeak(connected, "CLOSE_WAIT", "connected", "async", child.expectedFrame("async-connected"));
        assertCloseWait(connected);
    }

    @Test
    void connectionsNeverAcceptedAreListedOnTheirListenerAndOrphansAreNot() {
        ChildReport child = run("unaccepted");
        String port = child.result().stdout().lines().filter(l -> l.startsWith("EXPECT-LISTENER-PORT "))
                .findFirst().orElseThrow().substring("EXPECT-LISTENER-PORT ".length());
        ListenerEntry listener = child.report().listeners().stream()
                .filter(l -> l.local().equals("127.0.0.1:" + port)).findFirst()
                .orElseThrow(() -> new AssertionError(child.describe()));
        assertEquals(3, listener.unaccepted().size(), child.describe());
        assertEquals(3, listener.acceptQueue());
        listener.unaccepted().forEach(u -> {
            assertEquals("CLOSE_WAIT", u.state());
            assertTrue(u.remote().startsWith("127.0.0.1:"), u.remote());
            assertEquals(6, u.rxQueue(), "5 bytes written and the FIN");
        });
        assertEquals("socket", listener.api());
        assertTrue(listener.stack().contains(child.expectedFrame("unaccepted-listener")), listener.stack().toString());
        assertEquals(3, child.report().summary().unaccepted());
        assertEquals(List.of(), child.report().leaks(), "queued connections are not leaks of the app's: "
                + child.describe());
    }

    @Test
    void socketsCollectedWhileOpen() {
        ChildReport child = run("collected");
        List<Leak> collected = child.leaks(l -> l.kind().equals("COLLECTED_OPEN"));
        assertEquals(3, collected.size(), child.describe());
        assertEquals(3, child.report().leaks().size(), "a collected channel is not also CLOSE_WAIT: " + child.describe());
        assertEquals(3, child.report().summary().collectedOpen());
        List<Leak> sockets = child.leaks(l -> l.api().equals("socket"));
        assertEquals(2, sockets.size());
        sockets.forEach(l -> assertLeak(l, "COLLECTED_OPEN", "connected", "socket",
                child.expectedFrame("collected-socket")));
        Leak channel = child.leaks(l -> l.api().equals("channel")).get(0);
        assertLeak(channel, "COLLECTED_OPEN", "connected", "channel", child.expectedFrame("collected-channel"));
        assertEquals("CLOSE_WAIT", channel.state(), "a dropped channel keeps its descriptor: " + channel);
        collected.forEach(l -> assertNotNull(l.collectedAt()));
    }

    @Test
    void closesByInterruptSelectorAndDeferredCloseAreSeen() {
        ChildReport child = run("closes");
        assertEquals(List.of(), child.report().leaks(), child.describe());
        assertEquals(0, child.report().summary().trackedOpen(), child.describe());
    }

    @Test
    void healthyCodeGetsAnEmptyReport() {
        ChildReport child = run("healthy");
        LeakReport report = child.report();
        assertEquals(List.of(), report.leaks(), child.describe());
        assertEquals(0, report.summary().trackedOpen());
        assertEquals(0, report.summary().unaccepted());
        assertEquals(List.of(), report.listeners());
        assertEquals(List.of(), report.sites());
        assertEquals(0, report.agent().errors(), String.valueOf(report.agent().lastError()));
        assertTrue(report.kernel().available());
        assertNull(report.kernel().reason());
        assertEquals("premain", report.process().startMode());
        assertEquals("shutdown", report.trigger());
        assertTrue(child.result().stderr().contains("sockleak: no socket leaks found"), child.result().stderr());
    }

    @Test
    void socketsBeyondTheTrackingCapAreReportedUntracked() {
        // Nothing tells what the application did with a socket the agent does not track: at exit it is
        // young unless old enough; minCloseWait=0 decides at first sight.
        ChildReport child = runWithOptions(",maxTracked=1,minCloseWait=0", "socket-accepted");
        // The listener takes the one tracked slot: both accepted sockets are unknown to the agent.
        List<Leak> untracked = child.leaks(l -> l.kind().equals("UNTRACKED"));
        assertEquals(2, untracked.size(), child.describe());
        untracked.forEach(l -> {
            assertEquals("unknown", l.origin());
            assertEquals("unknown", l.api());
            assertCloseWait(l);
            assertNull(l.site());
        });
        assertEquals(2, child.report().summary().untracked());
        assertEquals(4, child.report().agent().droppedUntracked(), "both ends of both connections");
    }

    private static Leak leakAt(ChildReport child, String site) {
        String frame = child.expectedFrame(site);
        return child.report().leaks().stream().filter(l -> l.stack().contains(frame)).findFirst()
                .orElseThrow(() -> new AssertionError("no leak at " + frame + "\n" + child.describe()));
    }
}
