package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;
import org.junit.jupiter.api.Test;

import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry on its own: channel events carry their descriptor, so no JDK internals are needed. */
class SocketTrackerTest {

    private static final int ACCEPTED_CHANNEL = SocketEvents.ACCEPTED | SocketEvents.CHANNEL;
    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);

    @Test
    void theSameSocketReportedTwiceIsRecordedOnce() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        Object socket = new Object();
        tracker.opened(socket, 40, ACCEPTED_CHANNEL, REMOTE);
        tracker.opened(socket, 40, ACCEPTED_CHANNEL, REMOTE);
        assertEquals(1, tracker.liveCount());
        assertEquals(0, tracker.missedCloses());
    }

    @Test
    void aDescriptorReusedWithoutASeenCloseReplacesTheOldRecord() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        tracker.opened(new Object(), 40, ACCEPTED_CHANNEL, REMOTE);
        Object newer = new Object();
        tracker.opened(newer, 40, ACCEPTED_CHANNEL, REMOTE);
        assertEquals(1, tracker.liveCount());
        assertEquals(1, tracker.missedCloses());
        assertEquals(newer, tracker.liveRecords().get(0).get());
    }

    @Test
    void theCapDropsAndCountsInsteadOfGrowing() {
        SocketTracker tracker = new SocketTracker(null, 8, 2);
        for (int fd = 100; fd < 105; fd++) {
            tracker.opened(new Object(), fd, ACCEPTED_CHANNEL, REMOTE);
        }
        assertEquals(2, tracker.liveCount());
        assertEquals(3, tracker.dropped());
    }

    @Test
    void unixDomainChannelsAreNotTcpAndAreIgnored() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        tracker.opened(new Object(), 41, ACCEPTED_CHANNEL, java.net.UnixDomainSocketAddress.of("/tmp/x.sock"));
        assertEquals(0, tracker.liveCount());
    }

    @Test
    void aSocketCollectedWhileOpenIsLoggedOnceWithItsStack() throws InterruptedException {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        openAndDrop(tracker, 42);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (tracker.collectedTotal() == 0 && System.nanoTime() < deadline) {
            System.gc();
            tracker.noticeCollected();
        }
        tracker.noticeCollected();
        assertEquals(1, tracker.collectedTotal());
        List<SocketRecord> collected = tracker.collectedRecords();
        assertEquals(1, collected.size());
        assertTrue(collected.get(0).isCollected());
        Site site = collected.get(0).site(tracker.sites());
        assertNotNull(site);
        assertTrue(site.stack().stream().anyMatch(f -> f.contains("SocketTrackerTest.openAndDrop(")), site.stack().toString());
        assertEquals(1, tracker.liveCount(), "a collected channel keeps its descriptor until it is closed");
    }

    @Test
    void errorsInsideTheSinkAreCountedNotThrown() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        // No introspector: reading a java.net impl's fields fails inside the tracker.
        tracker.opened(new Object(), -1, SocketEvents.CONNECTED | SocketEvents.SOCKET, null);
        tracker.closing(new FileDescriptor());
        assertEquals(2, tracker.errors());
        assertNotNull(tracker.lastError());
    }

    private static void openAndDrop(SocketTracker tracker, int fd) {
        tracker.opened(new Object(), fd, ACCEPTED_CHANNEL, REMOTE);
    }
}
