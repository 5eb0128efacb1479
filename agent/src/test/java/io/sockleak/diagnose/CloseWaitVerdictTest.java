package io.sockleak.diagnose;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.model.Evidence;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every branch of the CLOSE_WAIT verdict, on records fed through the registry's own events. */
class CloseWaitVerdictTest {

    private static final int CONNECTED = SocketEvents.CONNECTED | SocketEvents.CHANNEL;
    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6379);
    private static final long MIN = 10_000;
    private static final long NOW = 1_000_000_000L;

    private final SocketTracker tracker = new SocketTracker(null, 8, 100);
    private int nextFd = 50;

    private SocketRecord socket(Object key, String pool) {
        Object socket = new Object();
        int fd = nextFd++;
        if (pool != null) {
            tracker.poolConnecting(pool);
        }
        tracker.opened(socket, fd, CONNECTED, REMOTE);
        if (pool != null) {
            tracker.poolConnected(key);
        }
        return tracker.liveRecords().stream().filter(r -> r.fd() == fd).findFirst().orElseThrow();
    }

    private static CloseWaitVerdict.Verdict judge(SocketRecord r, long firstSeen, boolean atExit) {
        return new CloseWaitVerdict(MIN, NOW, atExit).judge(r, firstSeen);
    }

    @Test
    void aFreshCloseWaitIsYoungAndAnOldOneALeak() {
        SocketRecord r = socket(null, null);
        assertEquals(CloseWaitVerdict.Verdict.YOUNG, judge(r, NOW - MIN + 1, false));
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.CLOSE_WAIT_AGED), judge(r, NOW - MIN, false));
    }

    @Test
    void atExitAYoungSocketIsALeakOnlyIfTheApplicationHadReadItsEndOfStream() {
        Object socket = new Object();
        tracker.opened(socket, 91, CONNECTED, REMOTE);
        SocketRecord read = tracker.liveRecords().get(0);
        tracker.endOfStream(socket, 91);
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.OPEN_AT_EXIT), judge(read, NOW, true));
        assertEquals(CloseWaitVerdict.Verdict.YOUNG, judge(socket(null, null), NOW, true), "work maybe in flight");
        assertEquals(CloseWaitVerdict.Verdict.YOUNG, judge(null, NOW, true), "untracked: nothing read");
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.CLOSE_WAIT_AGED), judge(null, NOW - MIN, true));
    }

    @Test
    void anEndOfStreamReadLongAgoProvesItAtTheFirstLook() {
        Object socket = new Object();
        tracker.opened(socket, 90, CONNECTED, REMOTE);
        tracker.endOfStream(socket, 90);
        SocketRecord r = tracker.liveRecords().get(0);
        long eof = r.endOfStreamAtMillis();
        assertEquals(CloseWaitVerdict.Verdict.YOUNG, new CloseWaitVerdict(MIN, eof + MIN - 1, false).judge(r, eof + MIN - 1));
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.READ_EOF_KEPT),
                new CloseWaitVerdict(MIN, eof + MIN, false).judge(r, eof + MIN), "first look, yet proven");
    }

    @Test
    void aPooledConnectionNotYetSeenLentOrReturnedIsJudgedLikeAPlainSocket() {
        SocketRecord r = socket(new Object(), "OkHttp");
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.CLOSE_WAIT_AGED), judge(r, NOW - MIN, false));
    }

    @Test
    void anIdlePooledConnectionIsStaleAtAnyAgeAndAtExit() {
        Object key = new Object();
        SocketRecord r = socket(key, "HikariCP");
        tracker.poolReturned(key);
        assertEquals(CloseWaitVerdict.Verdict.STALE, judge(r, NOW - 10 * MIN, false));
        assertEquals(CloseWaitVerdict.Verdict.STALE, judge(r, NOW, true));
    }

    @Test
    void aBorrowedOneIsALeakOnceOldOrAtExitAndYoungBefore() {
        Object key = new Object();
        SocketRecord r = socket(key, "commons-pool2");
        tracker.poolBorrowed(key);
        assertEquals(CloseWaitVerdict.Verdict.YOUNG, judge(r, NOW, false));
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.BORROWED_NOT_RETURNED), judge(r, NOW - MIN, false));
        assertEquals(CloseWaitVerdict.Verdict.YOUNG, judge(r, NOW, true), "borrowed just now by a live thread: maybe in flight");
        long borrowedAt = r.pooled().sinceMillis();
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.BORROWED_NOT_RETURNED),
                new CloseWaitVerdict(MIN, borrowedAt + MIN, true).judge(r, borrowedAt + MIN), "borrowed long before exit");
        tracker.poolReturned(key);
        assertEquals(CloseWaitVerdict.Verdict.STALE, judge(r, NOW - MIN, false), "returned: idle again");
    }

    @Test
    void minCloseWaitZeroDecidesAtFirstSight() {
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.CLOSE_WAIT_AGED),
                new CloseWaitVerdict(0, NOW, false).judge(socket(null, null), NOW));
    }

    @Test
    void atExitAConnectionBorrowedByAThreadThatHasEndedIsALeak() throws InterruptedException {
        Object key = new Object();
        SocketRecord r = socket(key, "HikariCP");
        Thread borrower = new Thread(() -> tracker.poolBorrowed(key), "request-1");
        borrower.start();
        borrower.join();
        assertEquals(CloseWaitVerdict.Verdict.leak(Evidence.BORROWED_NOT_RETURNED), judge(r, NOW, true));
        assertEquals(CloseWaitVerdict.Verdict.YOUNG, judge(r, NOW, false), "while running, age decides");
    }
}
