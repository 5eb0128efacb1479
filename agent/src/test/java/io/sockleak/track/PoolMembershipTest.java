package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.testing.CallSites;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

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

    @Test
    void borrowsFromOneHotLineAreSampledAndStillNameThatLine() {
        Object connection = pooledConnection(tracker);
        int sampled = borrowFromLineA(tracker, connection, 400);
        assertTrue(sampled > 300, "one line borrowing 400 times at once: most borrow stacks are samples (" + sampled + ")");
        tracker.poolBorrowed(connection);
        Site borrow = only().pooled().borrowSite(tracker.sites());
        assertTrue(borrow.frame().startsWith(CallSites.class.getName() + ".lineA("), borrow.toString());
    }

    @Test
    void borrowsFromTwoLinesOfOneThreadAreNeverSampled() {
        Object connection = pooledConnection(tracker);
        int sampled = 0;
        for (int i = 0; i < 200; i++) {
            sampled += CallSites.lineA(() -> borrowAndReturn(tracker, connection));
            sampled += CallSites.lineB(() -> borrowAndReturn(tracker, connection));
        }
        assertEquals(0, sampled, "the learned stacks disagree: every borrow keeps its own stack");
    }

    @Test
    void withSamplingOffEveryBorrowHasItsOwnStack() {
        SocketTracker exact = new SocketTracker(null, 8, false, 10, new FrameRule(List.of()));
        assertEquals(0, borrowFromLineA(exact, pooledConnection(exact), 400));
    }

    /** {@code times} borrows and returns from one line: how many of the borrows' stacks were samples. */
    private static int borrowFromLineA(SocketTracker tracker, Object connection, int times) {
        int sampled = 0;
        for (int i = 0; i < times; i++) {
            sampled += CallSites.lineA(() -> borrowAndReturn(tracker, connection));
        }
        return sampled;
    }

    private static Object pooledConnection(SocketTracker tracker) {
        Object connection = new Object();
        tracker.poolConnecting("HikariCP");
        tracker.opened(new Object(), 40, CONNECTED_CHANNEL, REMOTE);
        tracker.poolConnected(connection);
        return connection;
    }

    /** One borrow and its return: 1 when the borrow's stack was a sample, else 0. */
    private static int borrowAndReturn(SocketTracker tracker, Object connection) {
        tracker.poolBorrowed(connection);
        PooledConnection pooled = tracker.liveRecords().get(0).pooled();
        int sampled = pooled.borrowSample() != null ? 1 : 0;
        tracker.poolReturned(connection);
        return sampled;
    }
}
