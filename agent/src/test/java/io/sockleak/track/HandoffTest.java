package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Native descriptors and work handed to other threads, through the registry alone. */
class HandoffTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
    private final SocketTracker tracker = new SocketTracker(null, 32, 100);

    @Test
    void aNativeDescriptorIsTrackedUntilTheLibraryClosesIt() {
        Object socket = new Object();
        tracker.openedFd(socket, 50, SocketEvents.CONNECTED | SocketEvents.NATIVE, REMOTE);
        assertEquals(1, tracker.liveCount());
        SocketRecord record = tracker.liveRecords().get(0);
        assertEquals("native", record.api());
        assertEquals("connected", record.origin());
        assertEquals(5000, record.remotePort());
        tracker.closedFd(50);
        assertEquals(0, tracker.liveCount());
        tracker.closedFd(50); // a second close of the same number finds nothing
        assertEquals(0, tracker.liveCount());
    }

    @Test
    void aNativeUnixDomainSocketIsNotTcp() {
        tracker.openedFd(new Object(), 51, SocketEvents.CONNECTED | SocketEvents.NATIVE,
                java.net.UnixDomainSocketAddress.of("/tmp/x.sock"));
        assertEquals(0, tracker.liveCount());
    }

    @Test
    void aSocketMadeInAScopeCarriesTheMakersThreadAndStackToTheThreadThatOpensIt() throws Exception {
        Object channel = new Object();
        tracker.handoffBegin(null);
        tracker.socketCreated(channel);
        tracker.handoffEnd();
        SocketRecord record = on("event-loop", () -> {
            tracker.opened(channel, 60, SocketEvents.CONNECTED | SocketEvents.CHANNEL, REMOTE);
            return tracker.liveRecords().get(0);
        });
        assertEquals(Thread.currentThread().getName(), record.requestThread());
        assertEquals("event-loop", record.thread());
        Site cause = record.site(tracker.sites());
        assertTrue(cause.stack().stream().anyMatch(f -> f.contains("HandoffTest.aSocketMadeInAScope")), cause.stack().toString());
        Site own = record.openSite(tracker.sites());
        assertNotNull(own);
        assertTrue(own.stack().stream().noneMatch(f -> f.contains("HandoffTest.aSocketMadeInAScope")), own.stack().toString());
    }

    @Test
    void aSocketMadeOutsideEveryScopeKeepsItsOwnStack() throws Exception {
        Object channel = new Object();
        tracker.socketCreated(channel);
        SocketRecord record = on("event-loop", () -> {
            tracker.opened(channel, 61, SocketEvents.CONNECTED | SocketEvents.CHANNEL, REMOTE);
            return tracker.liveRecords().get(0);
        });
        assertNull(record.requestThread());
        assertNull(record.openSite(tracker.sites()));
    }

    @Test
    void aRequestsCauseReachesASocketMadeForItOnAWorkerAndOpenedOnAThirdThread() throws Exception {
        Object request = new Object();
        Object channel = new Object();
        tracker.handoffCause(request);
        on("worker", () -> {
            tracker.handoffBegin(request);
            tracker.socketCreated(channel);
            tracker.handoffEnd();
            return null;
        });
        SocketRecord record = on("selector", () -> {
            tracker.opened(channel, 62, SocketEvents.CONNECTED | SocketEvents.CHANNEL, REMOTE);
            return tracker.liveRecords().get(0);
        });
        assertEquals(Thread.currentThread().getName(), record.requestThread());
        assertEquals("selector", record.thread());
    }

    @Test
    void whatANativeListenerAcceptsInheritsTheCauseItWasBoundFor() throws Exception {
        Object listener = new Object();
        tracker.handoffBegin(null);
        tracker.socketCreated(listener);
        tracker.handoffEnd();
        on("boss", () -> {
            tracker.openedFd(listener, 70, SocketEvents.LISTENING | SocketEvents.NATIVE, null);
            tracker.acceptedFd(listener, new Object(), 71);
            return null;
        });
        SocketRecord accepted = tracker.liveRecords().stream().filter(r -> r.fd() == 71).findFirst().orElseThrow();
        assertEquals("accepted", accepted.origin());
        assertEquals(Thread.currentThread().getName(), accepted.requestThread());
        assertEquals("boss", accepted.thread());
    }

    @Test
    void whatAJdkListenerAcceptsInsideItsAcceptScopeInheritsItsCause() throws Exception {
        Object listener = new Object();
        tracker.handoffBegin(null);
        tracker.socketCreated(listener);
        tracker.handoffEnd();
        on("boss", () -> {
            tracker.opened(listener, 80, SocketEvents.LISTENING | SocketEvents.CHANNEL, REMOTE);
            tracker.handoffBegin(listener);
            tracker.opened(new Object(), 81, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, REMOTE);
            tracker.handoffEnd();
            tracker.opened(new Object(), 82, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, REMOTE);
            return null;
        });
        assertEquals(Thread.currentThread().getName(), record(81).requestThread());
        assertNull(record(82).requestThread(), "outside the accept scope");
    }

    @Test
    void anEndWithoutABeginIsIgnored() {
        tracker.handoffEnd();
        tracker.opened(new Object(), 90, SocketEvents.CONNECTED | SocketEvents.CHANNEL, REMOTE);
        assertNull(record(90).requestThread());
        assertEquals(0, tracker.errors());
    }

    private SocketRecord record(int fd) {
        return tracker.liveRecords().stream().filter(r -> r.fd() == fd).findFirst().orElseThrow();
    }

    private static <T> T on(String thread, java.util.concurrent.Callable<T> work) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, thread));
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor).get(10, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }
}
