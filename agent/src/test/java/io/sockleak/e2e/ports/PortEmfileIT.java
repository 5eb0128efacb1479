package io.sockleak.e2e.ports;

import io.sockleak.model.FdUsage;
import io.sockleak.model.LeakReport;
import io.sockleak.model.SiteEntry;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.MarkedLine;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Too many open files": a child JVM under {@code ulimit -n 128} runs out of descriptors and must
 * get its accept-failure report at once, written with the descriptors the agent reserved, showing
 * the open sockets, the descriptor count against the limit, and the application's exception as
 * the JDK threw it. The clients of the accepting child are in this JVM, so every descriptor the
 * child uses is an accepted socket and accept is what fails.
 */
class PortEmfileIT {

    /**
     * Only the test classes: the JVM opens class path jars as it searches them, one descriptor each,
     * and the test class path holds dozens of library jars that would eat the child's small limit.
     */
    private static final String OWN_CLASSES = java.nio.file.Path.of(EmfileApp.class.getProtectionDomain()
            .getCodeSource().getLocation().getPath()).toString();

    private static final int LIMIT = 128;
    private static final int CLIENTS = 160;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path work;

    @Test
    void acceptUntilTooManyOpenFilesReportsTheOpenSockets() throws Exception {
        accept("socket", MarkedLine.frame(EmfileApp.class, "acceptAll", "SOCKET ACCEPT SITE"), " on port ");
    }

    @Test
    void channelAcceptUntilTooManyOpenFilesReportsTheOpenSockets() throws Exception {
        accept("channel", MarkedLine.frame(EmfileApp.class, "acceptAllChannels", "CHANNEL ACCEPT SITE"),
                " on 127.0.0.1:");
    }

    @Test
    void connectUntilTooManyOpenFilesReportsToo() throws Exception {
        Path reports = work.resolve("reports");
        try (ServerSocket server = new ServerSocket(0, 1000, LOOPBACK)) { // never accepts: the backlog holds them
            ChildJvm.Started child = ChildJvm.in(work).fileLimit(LIMIT).classPath(OWN_CLASSES).agentOptions("dir=" + reports)
                    .timeout(Duration.ofSeconds(90))
                    .main(EmfileApp.class, "connect", String.valueOf(server.getLocalPort())).start();
            try {
                int opened = awaitFailure(child, "java.net.SocketException: Too many open files");
                LeakReport report = awaitReport(reports, child);
                assertReport(report, MarkedLine.frame(EmfileApp.class, "connectAll", "CONNECT SITE"), opened);
                assertTrue(child.stderr().contains("sockleak: socket creation failed: Too many open files ("),
                        child.stderr());
                finish(child, reports);
            } finally {
                child.process().destroyForcibly();
            }
        }
    }

    private void accept(String mode, String acceptSite, String listenerWords) throws Exception {
        Path reports = work.resolve("reports");
        ChildJvm.Started child = ChildJvm.in(work).fileLimit(LIMIT).classPath(OWN_CLASSES).agentOptions("dir=" + reports)
                .timeout(Duration.ofSeconds(90)).main(EmfileApp.class, mode).start();
        List<Socket> clients = new ArrayList<>();
        try {
            int port = Poll.value("the child's port", Duration.ofSeconds(60), () -> child.stdout().lines()
                    .filter(l -> l.startsWith("port ")).map(l -> Integer.valueOf(l.substring(5))).findFirst()
                    .orElse(null));
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new Socket(LOOPBACK, port));
            }
            child.tell("go");
            int accepted = awaitFailure(child, "java.io.IOException: Too many open files");
            assertTrue(child.stdout().contains("first frame: java.base/sun.nio.ch.Net.accept(Native Method)"),
                    "the exception comes from the JDK's accept, no agent frame on top\n" + child.stdout());

            LeakReport report = awaitReport(reports, child);
            assertReport(report, acceptSite, accepted);
            // the seed's other half: the connections accept could not take wait in the listener's queue
            assertEquals(1, report.listeners().size(), report.listeners()::toString);
            assertTrue(report.listeners().get(0).acceptQueue() > 0, report.listeners()::toString);
            assertTrue(child.stderr().contains("sockleak: accept" + listenerWords), child.stderr());
            assertTrue(child.stderr().contains(" failed: Too many open files ("), child.stderr());
            finish(child, reports);
        } finally {
            for (Socket s : clients) {
                closeQuietly(s);
            }
            child.process().destroyForcibly();
        }
    }

    /** Waits for the child to print its failure and to work again after freeing ten descriptors. */
    private static int awaitFailure(ChildJvm.Started child, String exception) {
        Poll.until("the child to run out of descriptors and recover", Duration.ofSeconds(60),
                () -> child.stdout().contains("again: ok") || !child.process().isAlive());
        String failed = child.stdout().lines().filter(l -> l.startsWith("failed after ")).findFirst()
                .orElseThrow(() -> new AssertionError("no failure\nstdout:\n" + child.stdout() + "\nstderr:\n"
                        + child.stderr()));
        assertTrue(failed.endsWith(" sockets: " + exception), failed);
        assertTrue(child.stdout().contains("again: ok"), child.stdout() + child.stderr());
        return Integer.parseInt(failed.substring("failed after ".length(), failed.indexOf(' ', 13)));
    }

    private static LeakReport awaitReport(Path reports, ChildJvm.Started child) {
        return Poll.value("an accept-failure report\n" + child.stderr(), Duration.ofSeconds(30),
                () -> ChildJvm.reports(reports).stream().filter(r -> r.trigger().equals("accept-failure"))
                        .findFirst().orElse(null));
    }

    private static void assertReport(LeakReport report, String site, int opened) {
        assertTrue(opened > 90, "the child opened " + opened + " sockets under a limit of " + LIMIT);
        assertTrue(report.kernel().available(), "the report could read /proc: " + report.kernel());
        FdUsage fds = report.process().fds();
        assertEquals(LIMIT, fds.limit());
        assertTrue(fds.open() > LIMIT - 10 - 6 && fds.open() <= LIMIT, "fds " + fds);
        // the report is built while the child waits for it; if that took long, the child may have
        // closed its ten already
        SiteEntry top = report.openBySite().get(0);
        assertEquals(site, top.frame(), report.openBySite()::toString);
        assertTrue(top.count() >= opened - 10 && top.count() <= opened, top + " for " + opened + " opened");
        assertTrue(report.summary().trackedOpen() >= opened - 10, report.summary()::toString);
    }

    /** Lets the child exit; exactly one accept-failure report (the agent rate-limits them). */
    private static void finish(ChildJvm.Started child, Path reports) {
        child.tell("exit");
        child.await().assertExitCode(0);
        ChildJvm.onlyReport(reports, "accept-failure");
        ChildJvm.onlyReport(reports, "shutdown");
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
