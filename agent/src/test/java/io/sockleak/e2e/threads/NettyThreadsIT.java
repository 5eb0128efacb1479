package io.sockleak.e2e.threads;

import io.sockleak.e2e.threads.apps.NettyClientApp;
import io.sockleak.e2e.threads.apps.NettyServerApp;
import io.sockleak.model.Leak;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.SiteEntry;
import io.sockleak.testing.MarkedLine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Netty on its NIO, epoll and io_uring transports: the native ones never touch the JDK's socket classes,
 * and all of them connect and accept on their event loop, not on the application's thread. The sockets
 * must be tracked, and a leaked channel reported at the application's line (the Bootstrap.connect call
 * for clients, the ServerBootstrap.bind call for what a server accepts).
 */
class NettyThreadsIT {

    @TempDir
    Path work;

    private static String api(String transport) throws Exception {
        return transport.equals("nio") ? "channel" : "native";
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void aClientThatIgnoresThePeersFinLeaksAtItsConnectLine(String transport) throws Exception {
        ThreadsChild child = ThreadsChild.run(work, NettyClientApp.class, transport, "leak");
        String connect = MarkedLine.frame(NettyClientApp.class, "connect", "CONNECT");

        // While open: 3 Netty clients and the 3 server ends (JDK sockets), nothing unseen.
        assertEquals(6, child.open().summary().trackedOpen(), child.describe());
        assertEquals(0, child.open().summary().untrackedOpen(), child.describe());
        SiteEntry site = child.open().openBySite().stream().filter(s -> connect.equals(s.frame())).findFirst()
                .orElseThrow(() -> new AssertionError("no open site at " + connect + ": " + child.describe()));
        assertEquals(3, site.count());

        List<Leak> leaks = child.leaks();
        assertEquals(3, leaks.size(), child.describe());
        for (Leak leak : leaks) {
            assertEquals("CLOSE_WAIT", leak.kind());
            assertEquals("connected", leak.origin());
            assertEquals(api(transport), leak.api());
            assertEquals(connect, leak.frame(), child.describe());
            assertEquals("main", leak.requestThread(), "the thread that called connect");
            assertTrue(leak.thread().startsWith(transport + "-client"), "opened on the event loop: " + leak.thread());
            assertEquals("Netty", leak.openedBy());
            assertTrue(leak.openStack().stream().anyMatch(f -> f.contains("io.netty.")), leak.openStack().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void aClientThatClosesItsChannelsHasNoLeak(String transport) throws Exception {
        ThreadsChild child = ThreadsChild.run(work, NettyClientApp.class, transport, "close");
        assertEquals(6, child.open().summary().trackedOpen(), child.describe());
        assertEquals(List.of(), child.leaks(), child.describe());
        assertEquals(0, child.shutdown().summary().trackedOpen(), "every channel seen closed: " + child.describe());
        assertEquals(0, child.shutdown().summary().untrackedOpen(), child.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void aServerThatIgnoresItsClientsFinLeaksAtItsBindLine(String transport) throws Exception {
        ThreadsChild child = ThreadsChild.run(work, NettyServerApp.class, transport, "leak");
        String bind = MarkedLine.frame(NettyServerApp.class, "main", "BIND");

        // While open: 3 accepted by Netty and the 3 plain clients.
        assertEquals(6, child.open().summary().trackedOpen(), child.describe());
        assertEquals(0, child.open().summary().untrackedOpen(), child.describe());
        ListenerEntry listener = child.open().listeners().stream().filter(l -> bind.equals(l.frame())).findFirst()
                .orElseThrow(() -> new AssertionError("no listener at " + bind + ": " + child.open().listeners()));
        assertTrue(listener.thread().startsWith(transport + "-boss"), listener.thread());

        List<Leak> leaks = child.leaks();
        assertEquals(3, leaks.size(), child.describe());
        for (Leak leak : leaks) {
            assertEquals("CLOSE_WAIT", leak.kind());
            assertEquals("accepted", leak.origin());
            assertEquals(api(transport), leak.api());
            assertEquals(bind, leak.frame(), "accepted for the server bound there: " + child.describe());
            assertEquals("main", leak.requestThread());
            assertEquals("Netty", leak.openedBy());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void aServerThatClosesWhatItAcceptedHasNoLeak(String transport) throws Exception {
        ThreadsChild child = ThreadsChild.run(work, NettyServerApp.class, transport, "close");
        assertEquals(6, child.open().summary().trackedOpen(), child.describe());
        assertEquals(List.of(), child.leaks(), child.describe());
        assertEquals(0, child.shutdown().summary().trackedOpen(), child.describe());
    }
}
