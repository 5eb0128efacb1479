package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.FileDescriptor;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors inside the registry: swallowed where they happen, counted in {@link SocketTracker#errors()}
 * (the report's agent.errors) with the last one kept, and the caller (the JDK method the advice sits
 * in) sees nothing. Without an introspector, every event that needs to read a JDK field fails.
 */
class TrackerErrorsTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 80);

    @AfterEach
    void uninstall() {
        SocketEvents.install(null);
    }

    @Test
    void failuresReadingTheJdkAreCountedAndNotThrown() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        assertDoesNotThrow(() -> {
            tracker.opened(new Object(), -1, SocketEvents.ACCEPTED | SocketEvents.SOCKET, null);
            tracker.openedWithFd(new Object(), new FileDescriptor(), SocketEvents.CONNECTED | SocketEvents.CHANNEL,
                    REMOTE);
            tracker.closing(new FileDescriptor());
        });
        assertEquals(3, tracker.errors());
        assertNotNull(tracker.lastError());
        assertTrue(tracker.lastError().startsWith("java.lang.NullPointerException"), tracker.lastError());
        assertEquals(0, tracker.liveCount());
    }

    @Test
    void aFailureHandlerThatThrowsIsCountedAndNotThrown() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        tracker.setFailureHandler((socket, operation, address, failure) -> {
            throw new IllegalStateException("explainer broke");
        });
        assertDoesNotThrow(() -> tracker.failed(new Object(), SocketEvents.OP_BIND, REMOTE, new BindException("x")));
        assertEquals(1, tracker.errors());
        assertEquals("java.lang.IllegalStateException: explainer broke", tracker.lastError());
    }

    @Test
    void theRegistryKeepsWorkingAfterAnError() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        tracker.opened(new Object(), -1, SocketEvents.ACCEPTED | SocketEvents.SOCKET, null);
        tracker.opened(new Object(), 42, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, REMOTE);
        assertEquals(1, tracker.errors());
        assertEquals(1, tracker.liveCount());
    }

    /** Through the bridge, as the advice calls it: the bridge's own count adds to the tracker's. */
    @Test
    void errorsThrownPastTheTrackerAreCountedByTheBridgeAndIncluded() {
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        SocketEvents.install(tracker);
        long bridgeBefore = SocketEvents.errors();
        assertDoesNotThrow(() -> SocketEvents.opened(new Object(), -1, SocketEvents.CONNECTED | SocketEvents.SOCKET,
                null));
        assertEquals(bridgeBefore, SocketEvents.errors(), "the tracker caught it itself");
        assertEquals(bridgeBefore + 1, tracker.errors());
    }
}
