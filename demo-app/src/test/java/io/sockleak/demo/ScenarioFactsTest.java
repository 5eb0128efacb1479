package io.sockleak.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sockleak.demo.ProcNetTcp.Row;
import io.sockleak.demo.Result.Leak;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs each scenario in this JVM (no agent) and checks, in the kernel's own tables, the socket-level
 * facts that make the scenario meaningful at the moment it returns.
 */
@Timeout(10)
class ScenarioFactsTest {

    private Result result;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(ProcNetTcp.available(), "needs /proc/net/tcp (Linux)");
    }

    @AfterEach
    void release() {
        if (result != null) {
            result.close();
        }
    }

    private Result run(String name) throws Exception {
        Scenario scenario = DemoMain.find(name).orElseThrow();
        result = scenario.run();
        assertEquals(name, result.scenario());
        return result;
    }

    private static List<Row> rows(Predicate<Row> filter) {
        return ProcNetTcp.read(filter);
    }

    private static Optional<Row> row(int state, int localPort, int remotePort) {
        return rows(r -> r.is(state, localPort, remotePort)).stream().findFirst();
    }

    /** Rows this JVM holds an fd for, on any of the given local ports. */
    private static List<Row> ownRowsOn(List<Integer> localPorts) {
        return ProcNetTcp.ownTcpRows().stream().filter(r -> localPorts.contains(r.localPort()))
                .collect(Collectors.toList());
    }

    /**
     * The end that closed first is the kernel's now: FIN_WAIT2, or FIN_WAIT1 for a moment when the
     * peer's kernel delays the ACK of the FIN (seen on loopback for the first connection of a run).
     */
    private static void assertPeerClosedByKernel(int localPort, int remotePort) {
        List<Row> peer = rows(x -> x.localPort() == localPort && x.remotePort() == remotePort);
        assertEquals(1, peer.size(), peer.toString());
        Row r = peer.get(0);
        assertTrue(r.state() == ProcNetTcp.FIN_WAIT2 || r.state() == ProcNetTcp.FIN_WAIT1, r.toString());
        assertEquals(0, r.inode(), r.toString());
    }

    @Test
    void neverAccept() throws Exception {
        Result r = run("never-accept");
        assertEquals(1, r.openListenerPorts().size());
        int port = r.openListenerPorts().get(0);
        List<Leak> leaks = r.leaks();
        assertEquals(4, leaks.size());

        Row listen = rows(x -> x.state() == ProcNetTcp.LISTEN && x.localPort() == port).get(0);
        assertEquals(4, listen.rxQueue(), "accept queue");
        assertTrue(ProcNetTcp.ownSocketInodes().contains(listen.inode()), "the listener is still open here");
        for (Leak leak : leaks) {
            assertEquals(Result.UNACCEPTED, leak.origin());
            assertEquals(port, leak.localPort());
            Row cw = row(ProcNetTcp.CLOSE_WAIT, port, leak.remotePort()).orElseThrow(
                    () -> new AssertionError("no CLOSE_WAIT row for " + leak + " in " + rows(x -> x.localPort() == port)));
            assertEquals(0, cw.inode(), "never accepted: no fd, inode 0");
            assertEquals(Net.PING.length + 1, cw.rxQueue(), "the bytes written, plus 1 for the FIN, wait unread");
            // the client side closed normally and waits in FIN_WAIT2, owned by the kernel
            assertPeerClosedByKernel(leak.remotePort(), port);
        }
    }

    @Test
    void acceptNoClose() throws Exception {
        Result r = run("accept-no-close");
        assertAcceptedCloseWait(r, Result.SOCKET);
    }

    @Test
    void nioAcceptNoClose() throws Exception {
        Result r = run("nio-accept-no-close");
        assertAcceptedCloseWait(r, Result.CHANNEL);
    }

    private static void assertAcceptedCloseWait(Result r, String api) {
        int port = r.listenerPorts().get(0);
        assertTrue(r.openListenerPorts().isEmpty());
        assertTrue(rows(x -> x.state() == ProcNetTcp.LISTEN && x.localPort() == port).isEmpty(), "listener closed");
        assertEquals(3, r.leaks().size());
        Set<Long> own = ProcNetTcp.ownSocketInodes();
        for (Leak leak : r.leaks()) {
            assertEquals(Result.ACCEPTED, leak.origin());
            assertEquals(api, leak.api());
            assertEquals(port, leak.localPort());
            Row cw = row(ProcNetTcp.CLOSE_WAIT, port, leak.remotePort()).orElseThrow(
                    () -> new AssertionError("no CLOSE_WAIT row for " + leak));
            assertNotEquals(0, cw.inode());
            assertTrue(own.contains(cw.inode()), "the CLOSE_WAIT socket is an fd of this JVM");
            // the client closed: its end is the kernel's (FIN_WAIT2), not ours
            assertPeerClosedByKernel(leak.remotePort(), port);
        }
        assertEquals(3, ownRowsOn(List.of(port)).size(), "exactly the 3 leaked sockets remain on the port");
    }

    @Test
    void clientNoClose() throws Exception {
        Result r = run("client-no-close");
        int port = r.listenerPorts().get(0);
        assertEquals(3, r.leaks().size());
        Set<Long> own = ProcNetTcp.ownSocketInodes();
        for (Leak leak : r.leaks()) {
            assertEquals(Result.CONNECTED, leak.origin());
            assertEquals(Result.SOCKET, leak.api());
            assertEquals(port, leak.remotePort());
            Row cw = row(ProcNetTcp.CLOSE_WAIT, leak.localPort(), port).orElseThrow(
                    () -> new AssertionError("no CLOSE_WAIT row for " + leak));
            assertTrue(own.contains(cw.inode()), "the CLOSE_WAIT socket is an fd of this JVM");
            // the server closed first: its end is orphaned in FIN_WAIT2, no fd
            assertPeerClosedByKernel(port, leak.localPort());
        }
        assertTrue(ownRowsOn(List.of(port)).isEmpty(), "the server side holds nothing");
    }

    @Test
    void gcUnclosed() throws Exception {
        Result r = run("gc-unclosed");
        int port = r.listenerPorts().get(0);
        List<Leak> sockets = r.leaks().stream().filter(l -> l.api().equals(Result.SOCKET)).collect(Collectors.toList());
        List<Leak> channels = r.leaks().stream().filter(l -> l.api().equals(Result.CHANNEL)).collect(Collectors.toList());
        assertEquals(3, sockets.size());
        assertEquals(2, channels.size());
        assertTrue(r.leaks().stream().allMatch(l -> l.origin().equals(Result.CONNECTED) && l.remotePort() == port));

        Set<Long> own = ProcNetTcp.ownSocketInodes();
        for (Leak leak : sockets) {
            // collected, then closed by NioSocketImpl's Cleaner: no longer in CLOSE_WAIT
            assertTrue(row(ProcNetTcp.CLOSE_WAIT, leak.localPort(), port).isEmpty(), "Cleaner closed " + leak);
        }
        for (Leak leak : channels) {
            // collected, but channels have no Cleaner: the fd stays open in CLOSE_WAIT
            Row cw = row(ProcNetTcp.CLOSE_WAIT, leak.localPort(), port).orElseThrow(
                    () -> new AssertionError("no CLOSE_WAIT row for " + leak));
            assertTrue(own.contains(cw.inode()), "the dropped channel's fd is still open");
        }
        assertTrue(ownRowsOn(List.of(port)).isEmpty(), "the server closed its ends");
    }

    @Test
    void timeWait() throws Exception {
        Result r = run("time-wait");
        List<Result.Bind> binds = r.binds();
        assertEquals(3, binds.size(), binds.toString());
        int port = r.listenerPorts().get(0);

        Result.Bind strict = binds.get(0);
        assertEquals(port, strict.port());
        assertTrue(!strict.reuseAddress() && strict.failed() && strict.error().contains("Address already in use"),
                strict.toString());
        Result.Bind reuseAfterStrict = binds.get(1);
        assertTrue(reuseAfterStrict.reuseAddress() && reuseAfterStrict.error().contains("Address already in use"),
                "Linux: the TIME_WAIT socket had SO_REUSEADDR off, so even a reusing bind fails: " + reuseAfterStrict);
        Result.Bind cured = binds.get(2);
        assertEquals(r.listenerPorts().get(1), cured.port());
        assertTrue(cured.reuseAddress());
        assertNull(cured.error());

        for (int p : r.listenerPorts()) {
            List<Row> tw = rows(x -> x.state() == ProcNetTcp.TIME_WAIT && x.localPort() == p);
            assertEquals(1, tw.size(), "the server's end of the connection it closed first, on " + p);
            assertEquals(0, tw.get(0).inode());
        }
        assertTrue(ownRowsOn(r.listenerPorts()).isEmpty(), "everything closed");
        assertTrue(r.leaks().isEmpty());
    }

    @Test
    void stalePooledAndLostResponseLeaveTheClientsSocketInCloseWait() throws Exception {
        for (String name : List.of("stale-pooled", "lost-response")) {
            Result r = run(name);
            int serverPort = r.listenerPorts().get(0);
            List<Row> client = ProcNetTcp.ownTcpRows().stream()
                    .filter(x -> x.remotePort() == serverPort && x.state() == ProcNetTcp.CLOSE_WAIT)
                    .collect(Collectors.toList());
            assertEquals(1, client.size(), name + ": " + ProcNetTcp.ownTcpRows());
            r.close();
            result = null;
        }
    }

    @Test
    void healthy() throws Exception {
        Set<Long> before = inodes(ProcNetTcp.ownTcpRows());
        Result r = run("healthy");
        assertEquals(36, r.connections());
        assertTrue(r.leaks().isEmpty());
        Set<Long> added = inodes(ProcNetTcp.ownTcpRows());
        added.removeAll(before);
        assertTrue(added.isEmpty(), "TCP fds left open: " + added);
        List<Integer> ports = r.listenerPorts();
        assertEquals(2, ports.size());
        List<Row> bad = rows(x -> (ports.contains(x.localPort()) || ports.contains(x.remotePort()))
                && (x.state() == ProcNetTcp.CLOSE_WAIT || x.state() == ProcNetTcp.ESTABLISHED
                || x.state() == ProcNetTcp.LISTEN));
        assertTrue(bad.isEmpty(), bad.toString());
    }

    private static Set<Long> inodes(List<Row> rows) {
        return rows.stream().map(Row::inode).collect(Collectors.toCollection(HashSet::new));
    }
}
