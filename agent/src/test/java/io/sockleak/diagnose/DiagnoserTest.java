package io.sockleak.diagnose;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.ProcNetTcpParser;
import io.sockleak.kernel.TcpRow;
import io.sockleak.kernel.TcpState;
import io.sockleak.model.LeakKind;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correlation on a real capture (src/test/resources/proc/README.md): a dual-stack JVM with a
 * wildcard listener, listener L on 127.0.0.1:34559 and five clients in different states.
 */
class DiagnoserTest {

    private static final int S2_FD = 11;        // accepted, its client closed: CLOSE_WAIT (inode 5252)
    private static final int S4_FD = 12;        // accepted c4's connection: CLOSE_WAIT (inode 5257)
    private static final int L_FD = 5;          // LISTEN 127.0.0.1:34559, rx_queue 1 (inode 5246)
    private static final int C1_FD = 6;         // ESTABLISHED client

    private final KernelSnapshot capture = capture();

    @Test
    void trackedCloseWaitIsALeakAndAnUnknownOneIsUntracked() {
        SocketTracker tracker = new SocketTracker(null, 16, 100);
        Object s2 = new Object();
        tracker.opened(s2, S2_FD, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, remote(56182));
        Object c1 = new Object();
        tracker.opened(c1, C1_FD, SocketEvents.CONNECTED | SocketEvents.CHANNEL, remote(34559));

        Diagnosis d = new Diagnoser(new CloseWaitClock(), () -> 0L).diagnose(tracker.liveRecords(), List.of(), 0,
                capture, false);

        assertEquals(2, d.leaks().size(), d.leaks().toString());
        LeakFinding tracked = d.leaks().get(0);
        assertEquals(LeakKind.CLOSE_WAIT, tracked.kind());
        assertEquals(S2_FD, tracked.fd());
        assertEquals(5252, tracked.row().inode());
        assertEquals(capture.takenAtMillis(), tracked.closeWaitSinceMillis());
        assertSame(s2, tracked.record().get());
        LeakFinding untracked = d.leaks().get(1);
        assertEquals(LeakKind.UNTRACKED, untracked.kind());
        assertEquals(S4_FD, untracked.fd());
        assertNull(untracked.record());
        assertEquals(2, d.trackedOpen());
        assertEquals(1, d.count(LeakKind.CLOSE_WAIT));
        assertEquals(1, d.count(LeakKind.UNTRACKED));
    }

    @Test
    void everyConnectionTheAgentDidNotSeeOpenedIsCountedWhateverItsState() {
        Diagnoser diagnoser = new Diagnoser(new CloseWaitClock(), () -> 0L);
        int none = diagnoser.diagnose(List.of(), List.of(), 0, capture, false).untrackedOpen();
        SocketTracker tracker = new SocketTracker(null, 16, 100);
        tracker.opened(new Object(), S2_FD, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, remote(56182));
        tracker.opened(new Object(), C1_FD, SocketEvents.CONNECTED | SocketEvents.CHANNEL, remote(34559));
        Diagnosis some = diagnoser.diagnose(tracker.liveRecords(), List.of(), 0, capture, false);
        // S2 and S4 in CLOSE_WAIT, C1 ESTABLISHED and more clients; never the listeners.
        assertTrue(none >= 3, "untracked " + none);
        assertEquals(none - 2, some.untrackedOpen(), "S2 (CLOSE_WAIT) and C1 (ESTABLISHED) are tracked now");
        assertEquals(0, new Diagnoser(new CloseWaitClock(), () -> 0L).diagnose(List.of(), List.of(), 0,
                KernelSnapshot.unavailable("test"), false).untrackedOpen(), "nothing guessed without a kernel view");
    }

    @Test
    void recordsRememberTheInodeASnapshotReadForThem() {
        SocketTracker tracker = new SocketTracker(null, 16, 100);
        tracker.opened(new Object(), S2_FD, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, remote(56182));
        List<SocketRecord> live = tracker.liveRecords();
        RecordInodes known = new RecordInodes(live);
        assertEquals(Map.of(S2_FD, 0L), tracked(known), "not read yet");

        known.learnFrom(capture);

        assertEquals(5252, live.get(0).inode());
        Map<Integer, Long> next = tracked(new RecordInodes(tracker.liveRecords()));
        assertEquals(Map.of(S2_FD, 5252L), next, "the next snapshot need not read it");
        assertFalse(next.containsKey(S4_FD), "a descriptor the agent does not track is read every time");
    }

    private static Map<Integer, Long> tracked(RecordInodes known) {
        Map<Integer, Long> inodes = new HashMap<>();
        known.forEach(inodes::put);
        return inodes;
    }

    @Test
    void listenersComeFromTheKernelWithTheirQueuedConnectionsOnly() {
        Diagnoser diagnoser = new Diagnoser(new CloseWaitClock(), () -> 0L);
        Diagnosis first = diagnoser.diagnose(List.of(), List.of(), 0, capture, false);
        // One look cannot tell a stuck accept loop from a busy one: queued, not yet never-accepted.
        assertEquals(0, first.unaccepted(), first.listeners().toString());
        assertEquals(1, first.listeners().get(0).row().rxQueue(), "the listener's queue still counts it");

        Diagnosis d = diagnoser.diagnose(List.of(), List.of(), 0, later(1), false);
        assertEquals(2, d.listeners().size());
        ListenerFinding wildcard = d.listeners().get(1);
        assertEquals(35333, wildcard.row().local().port());
        assertEquals(List.of(), wildcard.unaccepted());
        ListenerFinding l = d.listeners().get(0);
        assertEquals(L_FD, l.fd());
        assertEquals("127.0.0.1:34559", l.row().local().toString());
        assertEquals(1, l.row().rxQueue());
        // c5's server side waits in the queue; c2's FIN_WAIT2 and c3's TIME_WAIT orphans are the
        // clients' ends (their local port is not L's) and are not counted.
        assertEquals(1, l.unaccepted().size(), l.unaccepted().toString());
        TcpRow queued = l.unaccepted().get(0);
        assertEquals(TcpState.ESTABLISHED, queued.state());
        assertEquals("127.0.0.1:56194", queued.remote().toString());
        assertEquals(0x1F600, queued.rxQueue());
        assertEquals(1, d.unaccepted());
    }

    @Test
    void aQueuedConnectionIsNeverAcceptedOnceTwoLooksMinCloseWaitApartSawItOrAtExit() {
        Diagnoser diagnoser = new Diagnoser(new CloseWaitClock(), () -> 10_000L);
        assertEquals(0, diagnoser.diagnose(List.of(), List.of(), 0, capture, false).unaccepted());
        assertEquals(0, diagnoser.diagnose(List.of(), List.of(), 0, later(9_999), false).unaccepted());
        assertEquals(1, diagnoser.diagnose(List.of(), List.of(), 0, later(10_000), false).unaccepted());

        Diagnoser atExit = new Diagnoser(new CloseWaitClock(), () -> 10_000L);
        assertEquals(1, atExit.diagnose(List.of(), List.of(), 0, capture, true).unaccepted(),
                "at exit nothing will accept it");

        // Accepted in between (gone from a look): a connection queued again later starts over.
        Diagnoser forgets = new Diagnoser(new CloseWaitClock(), () -> 0L);
        forgets.diagnose(List.of(), List.of(), 0, capture, false);
        forgets.diagnose(List.of(), List.of(), 0, withoutRows(later(1)), false);
        assertEquals(0, forgets.diagnose(List.of(), List.of(), 0, later(2), false).unaccepted());
    }

    /** The capture, read {@code millis} later. */
    private KernelSnapshot later(long millis) {
        return new KernelSnapshot(true, "", capture.rows(), capture.socketInodeByFd(), capture.openFds(),
                capture.fdLimit(), capture.takenAtMillis() + millis, capture.tableSource());
    }

    private static KernelSnapshot withoutRows(KernelSnapshot s) {
        return new KernelSnapshot(true, "", List.of(), s.socketInodeByFd(), s.openFds(), s.fdLimit(), s.takenAtMillis(),
                s.tableSource());
    }

    @Test
    void closeWaitAgeIsKeptAcrossScans() {
        CloseWaitClock clock = new CloseWaitClock();
        Diagnoser diagnoser = new Diagnoser(clock, () -> 0L);
        diagnoser.diagnose(List.of(), List.of(), 0, capture, false);
        Diagnosis d = diagnoser.diagnose(List.of(), List.of(), 0, later(60_000), false);
        assertTrue(d.leaks().stream().allMatch(l -> l.closeWaitSinceMillis() == capture.takenAtMillis()));
    }

    @Test
    void withoutAKernelViewListenersComeFromTheRegistryAndNothingIsGuessed() {
        SocketTracker tracker = new SocketTracker(null, 16, 100);
        Object listener = new Object();
        tracker.opened(listener, 9, SocketEvents.LISTENING | SocketEvents.CHANNEL,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));
        tracker.opened(new Object(), 10, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, remote(40000));

        Diagnosis d = new Diagnoser(new CloseWaitClock(), () -> 0L).diagnose(tracker.liveRecords(), List.of(), 0,
                KernelSnapshot.unavailable("test"), false);

        assertEquals(List.of(), d.leaks());
        assertEquals(1, d.listeners().size());
        assertNull(d.listeners().get(0).row());
        assertEquals(1, d.trackedOpen());
    }

    private static InetSocketAddress remote(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static KernelSnapshot capture() {
        List<TcpRow> rows = ProcNetTcpParser.parse(resource("tcp6-dualstack.txt"), true);
        Map<Integer, Long> inodes = new HashMap<>();
        new String(resource("fd-dualstack.txt")).lines().forEach(line -> {
            String[] parts = line.split(" ");
            inodes.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1].replaceAll("\\D", "")));
        });
        return new KernelSnapshot(true, "", rows, inodes, inodes.size(), 1024, 1_000_000L, KernelSnapshot.PROC);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DiagnoserTest.class.getResourceAsStream("/proc/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
