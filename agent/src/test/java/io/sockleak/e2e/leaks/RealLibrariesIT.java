package io.sockleak.e2e.leaks;

import io.sockleak.e2e.leaks.apps.NettyHalfClosedServer;
import io.sockleak.e2e.leaks.apps.PooledHttpClientLeak;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leaks inside real libraries: the report must still name the sockets and reach the application's code. */
class RealLibrariesIT {

    @TempDir
    Path work;

    private ChildReport run(Class<?> app) {
        return run(app, "");
    }

    private ChildReport run(Class<?> app, String options) {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports + options).main(app).run()
                .assertExitCode(0);
        assertTrue(result.stdout().contains("DONE"), result.stdout() + result.stderr());
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        return ChildReport.of(report, result);
    }

    @Test
    void nettyServerIgnoringThePeersFinLeaksCloseWaitChannels() {
        ChildReport child = run(NettyHalfClosedServer.class);
        List<Leak> leaks = child.report().leaks();
        assertEquals(3, leaks.size(), child.describe());
        for (Leak leak : leaks) {
            assertEquals("CLOSE_WAIT", leak.kind());
            assertEquals("CLOSE_WAIT", leak.state());
            assertEquals("accepted", leak.origin());
            assertEquals("channel", leak.api());
            // Netty accepts on its event loop; the socket is linked to the application's bind of the
            // server (ServerBootstrap.bind, on main), and the event loop's accept stack is kept beside it.
            assertTrue(leak.openStack().stream().anyMatch(f -> f.startsWith(
                    "io.netty.channel.socket.nio.NioServerSocketChannel.doReadMessages(")), leak.openStack().toString());
            assertTrue(leak.stack().stream().anyMatch(f -> f.startsWith(
                    "io.netty.bootstrap.AbstractBootstrap.bind(")), leak.stack().toString());
            assertEquals("main", leak.requestThread());
            assertTrue(leak.thread().startsWith("boss"), "accepted on the boss loop: " + leak.thread());
            assertEquals("Netty", leak.openedBy());
        }
        assertEquals(1, child.report().sites().size(), "one bind site");
        assertEquals(3, child.report().sites().get(0).count());
        assertTrue(child.report().sites().get(0).frame().startsWith(NettyHalfClosedServer.class.getName() + ".main("),
                child.report().sites().get(0).frame());
        assertTrue(child.report().sites().get(0).libraryFrame().startsWith("io.netty."),
                child.report().sites().get(0).libraryFrame());
    }

    @Test
    void pooledHttpClientWithUnclosedResponsesLeaksCloseWaitReachingTheApplicationsCall() {
        // The program exits a moment after the server closed the borrowed connections, and never read
        // them: at exit they could be requests in flight (young) unless minCloseWait says otherwise.
        ChildReport child = run(PooledHttpClientLeak.class, ",minCloseWait=0");
        List<Leak> leaks = child.leaks(l -> l.origin().equals("connected"));
        assertEquals(3, leaks.size(), child.describe());
        assertEquals(3, child.report().leaks().size(), "the server closed its ends: " + child.describe());
        String appFrame = child.expectedFrame("http-fetch");
        for (Leak leak : leaks) {
            assertEquals("CLOSE_WAIT", leak.kind());
            assertEquals("socket", leak.api());
            int depth = leak.stack().indexOf(appFrame);
            assertTrue(depth >= 0, appFrame + " not in " + leak.stack());
            // HttpClient 5.4 puts 19 of its own frames between Socket.connect and the caller.
            assertTrue(depth >= 15, "the application's call sits deep above the socket call: at " + depth);
            assertTrue(leak.stack().stream().anyMatch(f -> f.startsWith(
                    "io.sockleak.e2e.leaks.apps.PooledHttpClientLeak.main(")), "reaches main: " + leak.stack());
            assertTrue(leak.stack().get(0).startsWith("java.base/java.net.Socket.connect("), leak.stack().get(0));
        }
    }
}
