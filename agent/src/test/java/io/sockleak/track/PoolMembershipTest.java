package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool events on the registry alone: which sockets join which connection, and its state. */
class PoolMembershipTest {

    private static final int CONNECTED_CHANNEL = SocketEvents.CONNECTED | SocketEvents.CHANNEL;
    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432);

    private final SocketTracker tracker = new SocketTracker(null, 8, 10);

    private SocketRecord only() {
        assertEquals(1, tracker.liveRecords().size());
        return tracker.liveRecords().get(0);
    }

    @Test
    void aSocketOpenedWhileThePoolConnectsJoinsTheConnectionNewUntilLentOrReturned() {
        Object connection = new Object();
        Object socket = new Object();
        tracker.poolConnecting("HikariCP");
        tracker.opened(socket, 40, CONNECTED_CHANNEL, REMOTE);
        tracker.poolConnected(connection);

        PooledConnection pooled = only().pooled();
        assertNotNull(pooled);
        assertEquals("HikariCP", pooled.pool());
        assertEquals(PooledConnection.State.NEW, pooled.state(), "judged as a plain socket until the pool says");

        tracker.poolBorrowed(connection);
        assertEquals(PooledConnection.State.BORROWED, pooled.state());
        assertEquals(Thread.currentThread().getName(), pooled.borrowThread());
        Site borrow = pooled.borrowSite(tracker.sites());
        assertNotNull(borrow);
        assertTrue(borrow.stack().stream().anyMatch(f -> f.contains("PoolMembershipTest")), borrow.stack().toString());

        tracker.poolReturned(connection);
        assertEquals(PooledConnection.State.IDLE, pooled.state());
        assertNull(pooled.borrowSite(tracker.sites()));
    }

    @Test
    void socketsOpenedOutsideAConnectingScopeOrOnAnotherThreadStayUnpooled() throws InterruptedException {
        tracker.poolConnecting("OkHttp");
        Thread other = new Thread(() -> tracker.opened(new Object(), 41, CONNECTED_CHANNEL, REMOTE));
        other.start();
        other.join();
        tracker.poolConnected(new Object());
        tracker.opened(new Object(), 42, CONNECTED_CHANNEL, REMOTE);
        tracker.liveRecords().forEach(r -> assertNull(r.pooled(), "fd " + r.fd()));
    }

    @Test
    void aFailedConnectLeavesNoConnectionBehindAndBorrowsOfUnknownConnectionsAreIgnored() {
        tracker.poolConnecting("HikariCP");
        tracker.poolConnected(null);
        Object unknown = new Object();
        tracker.poolBorrowed(unknown);
        tracker.poolReturned(unknown);
        assertEquals(0, tracker.pooledConnections());
        assertEquals(0, tracker.errors());
    }

    @Test
    void aSocketBoundBeforeItOpensJoinsWhenItOpensAndOneAlreadyOpenJoinsAtOnce() {
        Object early = new Object();
        Object connection = new Object();
        tracker.poolSocket(connection, early, "java.net.http");
        tracker.opened(early, 43, CONNECTED_CHANNEL, REMOTE);
        assertEquals("java.net.http", only().pooled().pool());

        Object late = new Object();
        tracker.opened(late, 44, CONNECTED_CHANNEL, REMOTE);
        Object second = new Object();
        tracker.poolSocket(second, late, "java.net.http");
        tracker.poolBorrowed(second);
        SocketRecord lateRecord = tracker.liveRecords().stream().filter(r -> r.fd() == 44).findFirst().orElseThrow();
        assertEquals(PooledConnection.State.BORROWED, lateRecord.pooled().state());
    }

    @Test
    void objectsOfPoolsThatOpenNoSocketAreNotKeptAndTheirBorrowsCostNoStack() {
        Object statement = new Object();
        tracker.poolConnecting("commons-pool2");
        tracker.poolConnected(statement);
        tracker.poolBorrowed(statement);
        assertEquals(0, tracker.pooledConnections());
    }

    @Test
    void nestedConnectingScopesBindTheInnermostFirst() {
        Object outer = new Object();
        Object inner = new Object();
        tracker.poolConnecting("commons-pool2");
        tracker.poolConnecting("HikariCP");
        tracker.opened(new Object(), 45, CONNECTED_CHANNEL, REMOTE);
        tracker.poolConnected(inner);
        tracker.poolConnected(outer);
        assertEquals("HikariCP", only().pooled().pool());
    }

    @Test
    void theEndOfStreamIsRememberedOnceOnTheSocketsRecord() {
        Object socket = new Object();
        tracker.opened(socket, 46, CONNECTED_CHANNEL, REMOTE);
        tracker.endOfStream(new Object(), 46);
        assertEquals(0, only().endOfStreamAtMillis(), "another object's end-of-stream on a reused fd");
        tracker.endOfStream(socket, 46);
        long first = only().endOfStreamAtMillis();
        assertTrue(first > 0);
        tracker.endOfStream(socket, 46);
        assertEquals(first, only().endOfStreamAtMillis());
    }
}
