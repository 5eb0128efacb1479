package io.sockleak.diagnose;

import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.TcpRow;
import io.sockleak.kernel.TcpState;
import io.sockleak.model.Evidence;
import io.sockleak.model.LeakKind;
import io.sockleak.track.PooledConnection;
import io.sockleak.track.SocketRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Correlates the sockets the agent saw opened with the kernel's view of this process:
 * descriptor -> inode ({@code /proc/self/fd}) -> TCP row ({@code /proc/net/tcp*}).
 */
public final class Diagnoser {

    private final CloseWaitClock clock;
    private final AcceptQueueClock queueClock = new AcceptQueueClock();
    private final LongSupplier minCloseWaitMillis;

    /** {@code minCloseWaitMillis}: read at each diagnosis, so a re-attach can change it. */
    public Diagnoser(CloseWaitClock clock, LongSupplier minCloseWaitMillis) {
        this.clock = clock;
        this.minCloseWaitMillis = minCloseWaitMillis;
    }

    /**
     * @param atExit whether every shutdown hook of the application has run, so that what is open now
     *               stays open (the shutdown report)
     */
    public Diagnosis diagnose(List<SocketRecord> live, List<SocketRecord> collected, long collectedTotal,
                              KernelSnapshot kernel, boolean atExit) {
        clock.observe(kernel);
        Map<Long, TcpRow> rowsByInode = kernel.available() ? kernel.rowsByInode() : Map.of();
        Map<Integer, Long> inodeByFd = kernel.available() ? kernel.socketInodeByFd() : Map.of();
        Map<Integer, SocketRecord> recordByFd = new HashMap<>();
        for (SocketRecord r : live) {
            recordByFd.put(r.fd(), r);
        }
        long minCloseWait = minCloseWaitMillis.getAsLong();
        CloseWaitVerdict verdicts = new CloseWaitVerdict(minCloseWait,
                kernel.available() ? kernel.takenAtMillis() : System.currentTimeMillis(), atExit);

        List<LeakFinding> leaks = new ArrayList<>();
        List<StaleFinding> stale = new ArrayList<>();
        int young = 0;
        int trackedOpen = 0;
        for (SocketRecord r : live) {
            if (r.isListener() || r.fdReleased()) {
                continue; // a released record's descriptor holds nothing of it now
            }
            trackedOpen++;
            if (r.isCollected()) {
                continue;
            }
            TcpRow row = rowOf(r.fd(), inodeByFd, rowsByInode);
            if (row == null || row.state() != TcpState.CLOSE_WAIT) {
                continue;
            }
            Long since = clock.firstSeen(row.inode());
            PooledConnection pooled = r.pooled();
            CloseWaitVerdict.Verdict verdict = verdicts.judge(r, since);
            switch (verdict.kind()) {
                case LEAK -> leaks.add(new LeakFinding(LeakKind.CLOSE_WAIT, verdict.evidence(), r, row, r.fd(), since,
                        pooled != null && pooled.state() == PooledConnection.State.BORROWED ? pooled : null));
                case STALE_POOLED -> stale.add(new StaleFinding(r, row, r.fd(), since, pooled, pooled.sinceMillis()));
                case YOUNG -> young++;
            }
        }
        for (SocketRecord r : collected) {
            TcpRow row = r.fdReleased() ? null : rowOf(r.fd(), inodeByFd, rowsByInode);
            leaks.add(new LeakFinding(LeakKind.COLLECTED_OPEN, Evidence.COLLECTED_OPEN, r, row, r.fd(), null, null));
        }
        int untrackedOpen = 0;
        for (Map.Entry<Integer, Long> e : inodeByFd.entrySet()) {
            TcpRow row = rowsByInode.get(e.getValue());
            if (row != null && row.state() != TcpState.LISTEN && !recordByFd.containsKey(e.getKey())) {
                untrackedOpen++;
            }
            if (row != null && row.state() == TcpState.CLOSE_WAIT && !recordByFd.containsKey(e.getKey())) {
                Long since = clock.firstSeen(row.inode());
                CloseWaitVerdict.Verdict verdict = verdicts.judge(null, since);
                if (verdict.kind() == CloseWaitVerdict.Kind.LEAK) {
                    leaks.add(new LeakFinding(LeakKind.UNTRACKED, verdict.evidence(), null, row, e.getKey(), since, null));
                } else {
                    young++;
                }
            }
        }
        leaks.sort(Comparator.comparing((LeakFinding l) -> l.kind())
                .thenComparing(l -> l.fd() == null ? Integer.MAX_VALUE : l.fd()));
        stale.sort(Comparator.comparingInt(StaleFinding::fd));

        List<ListenerFinding> listeners = kernel.available()
                ? neverAccepted(listenersFromKernel(kernel, inodeByFd, rowsByInode, recordByFd), kernel.takenAtMillis(),
                        minCloseWait, atExit)
                : listenersFromRegistry(live);
        return new Diagnosis(List.copyOf(leaks), List.copyOf(stale), young, listeners, trackedOpen, collectedTotal,
                untrackedOpen);
    }

    private static TcpRow rowOf(int fd, Map<Integer, Long> inodeByFd, Map<Long, TcpRow> rowsByInode) {
        Long inode = inodeByFd.get(fd);
        return inode == null ? null : rowsByInode.get(inode);
    }

    private static List<ListenerFinding> listenersFromKernel(KernelSnapshot kernel, Map<Integer, Long> inodeByFd,
                                                             Map<Long, TcpRow> rowsByInode,
                                                             Map<Integer, SocketRecord> recordByFd) {
        List<ListenerFinding> listeners = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : inodeByFd.entrySet()) {
            TcpRow listen = rowsByInode.get(e.getValue());
            if (listen == null || listen.state() != TcpState.LISTEN) {
                continue;
            }
            SocketRecord record = recordByFd.get(e.getKey());
            if (record != null && !record.isListener()) {
                record = null;
            }
            listeners.add(new ListenerFinding(listen, record, e.getKey(), queuedOn(listen, kernel.rows())));
        }
        listeners.sort(Comparator.comparingInt((ListenerFinding l) -> l.row().local().port())
                .thenComparingInt(l -> l.fd()));
        return List.copyOf(listeners);
    }

    /**
     * The listeners with, as unaccepted, only the queued connections that have waited: seen in the queue
     * by two looks at least minCloseWait apart (as a CLOSE_WAIT socket must be to be called a leak), or
     * still there at exit, when nothing will accept them. A look that catches a connection in the
     * moment between the kernel's handshake and the application's accept() (any busy server, and every
     * scrape of a metrics endpoint in this JVM) finds it queued only once; the listener's
     * {@code acceptQueue} still counts it.
     */
    private List<ListenerFinding> neverAccepted(List<ListenerFinding> listeners, long takenAtMillis,
                                                long minCloseWaitMillis, boolean atExit) {
        List<TcpRow> queued = new ArrayList<>();
        listeners.forEach(l -> queued.addAll(l.unaccepted()));
        Map<TcpRow.Connection, Long> firstSeen = queueClock.observe(queued, takenAtMillis);
        List<ListenerFinding> judged = new ArrayList<>(listeners.size());
        for (ListenerFinding l : listeners) {
            List<TcpRow> neverAccepted = l.unaccepted().stream().filter(row -> {
                Long since = firstSeen.get(row.connection());
                boolean waited = since != null && since < takenAtMillis && takenAtMillis - since >= minCloseWaitMillis;
                return atExit || waited;
            }).toList();
            judged.add(new ListenerFinding(l.row(), l.record(), l.fd(), neverAccepted));
        }
        return List.copyOf(judged);
    }

    /** The connections waiting in {@code listen}'s accept queue now. */
    static List<TcpRow> queuedOn(TcpRow listen, List<TcpRow> rows) {
        List<TcpRow> queued = new ArrayList<>();
        for (TcpRow row : rows) {
            if (row.inode() == 0
                    && row.ipv6() == listen.ipv6()
                    && row.state().canWaitInAcceptQueue()
                    && row.local().port() == listen.local().port()
                    && (listen.local().isWildcard() || listen.local().sameAddress(row.local()))) {
                queued.add(row);
            }
        }
        queued.sort(Comparator.comparingInt((TcpRow r) -> r.remote().port()));
        return List.copyOf(queued);
    }

    private static List<ListenerFinding> listenersFromRegistry(List<SocketRecord> live) {
        List<ListenerFinding> listeners = new ArrayList<>();
        for (SocketRecord r : live) {
            if (r.isListener() && !r.fdReleased()) {
                listeners.add(new ListenerFinding(null, r, r.fd(), List.of()));
            }
        }
        return List.copyOf(listeners);
    }
}
