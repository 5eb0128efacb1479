package io.sockleak.ports;

import io.sockleak.kernel.Endpoint;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.TcpRow;
import io.sockleak.kernel.TcpState;
import io.sockleak.model.PortHolder;

import io.sockleak.track.FrameRule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * Names what holds a port, from one kernel snapshot: every row of /proc/net/tcp{,6} whose local port
 * is the port and whose local address conflicts with the requested one (same address, or either is
 * a wildcard; if no row conflicts that way, every row on the port, since the bind did fail).
 * <ul>
 *   <li>inode in this process's /proc/self/fd: {@code this-jvm}, with the stack of the socket the
 *       agent tracked on that fd;</li>
 *   <li>other non-zero inode: {@code other-process}, pid if /proc lets this user find it;</li>
 *   <li>inode 0 (TIME_WAIT, orphaned FIN_WAIT2, connections still in an accept queue): {@code none}.</li>
 * </ul>
 * Rows with the same state, owner, pid, local address and stack are one holder with a count.
 */
public final class PortHolders {

    /** The kernel's USER_HZ: /proc/net/tcp prints timers in these ticks per second. */
    static final int TICKS_PER_SECOND = 100;
    /** The timer code of a TIME_WAIT (and FIN_WAIT2 timewait) row, "tr" = 3. */
    static final int TIMEWAIT_TIMER = 3;
    /** Other processes are searched (each search walks /proc/[pid]/fd) for at most this many sockets. */
    static final int MAX_PID_LOOKUPS = 4;

    private PortHolders() {
    }

    /**
     * @param requested   the address and port whose bind failed; a null or wildcard address conflicts with all
     * @param stackOfFd   the stack that opened the socket on an fd of this process, or null/empty if unknown
     * @param pidOfInode  the pid of another process holding a socket inode, or null if not found
     */
    public static List<PortHolder> find(KernelSnapshot snapshot, Endpoint requested,
                                        IntFunction<List<String>> stackOfFd, LongFunction<Long> pidOfInode) {
        return find(snapshot, requested, stackOfFd, pidOfInode, new FrameRule(List.of()));
    }

    /** {@code frameRule}: how each holder's application frame is chosen from its stack. */
    public static List<PortHolder> find(KernelSnapshot snapshot, Endpoint requested,
                                        IntFunction<List<String>> stackOfFd, LongFunction<Long> pidOfInode,
                                        FrameRule frameRule) {
        if (snapshot == null || !snapshot.available() || requested == null || requested.port() == 0) {
            return List.of();
        }
        List<TcpRow> onPort = snapshot.rowsOnPort(requested.port());
        List<TcpRow> conflicting = new ArrayList<>();
        for (TcpRow row : onPort) {
            if (conflicts(requested, row.local())) {
                conflicting.add(row);
            }
        }
        if (conflicting.isEmpty()) {
            conflicting = onPort;
        }
        // LISTEN rows first, so that the pid searches go to the listeners.
        conflicting = new ArrayList<>(conflicting);
        conflicting.sort(Comparator.comparingInt(r -> r.state() == TcpState.LISTEN ? 0 : 1));

        Map<Long, Integer> fdByInode = snapshot.fdByInode();
        Map<Long, Long> pids = new HashMap<>();
        int lookups = 0;
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (TcpRow row : conflicting) {
            String owner;
            Long pid = null;
            List<String> stack = List.of();
            Integer fd = row.inode() == 0 ? null : fdByInode.get(row.inode());
            if (row.inode() == 0) {
                owner = PortHolder.NONE;
            } else if (fd != null) {
                owner = PortHolder.THIS_JVM;
                List<String> s = stackOfFd == null ? null : stackOfFd.apply(fd);
                stack = s == null ? List.of() : s;
            } else {
                owner = PortHolder.OTHER_PROCESS;
                if (pids.containsKey(row.inode())) {
                    pid = pids.get(row.inode());
                } else if (pidOfInode != null && lookups < MAX_PID_LOOKUPS) {
                    lookups++;
                    pid = pidOfInode.apply(row.inode());
                    pids.put(row.inode(), pid);
                }
            }
            Key key = new Key(row.state().name(), owner, pid, row.local().toString(), stack);
            groups.computeIfAbsent(key, k -> new Group()).add(row);
        }
        List<PortHolder> holders = new ArrayList<>(groups.size());
        for (Map.Entry<Key, Group> e : groups.entrySet()) {
            Key k = e.getKey();
            Group g = e.getValue();
            holders.add(new PortHolder(k.state, k.owner, k.pid, g.count, k.local, g.secondsLeft(), k.stack,
                    frameRule.frameOf(k.stack)));
        }
        // Ties (same rank and count) in a fixed order, not the kernel's hash order: two reports of the same
        // failure list their holders alike, and diff/trend compare like with like.
        holders.sort(Comparator.comparingInt(PortHolders::rank)
                .thenComparing(Comparator.comparingInt(PortHolder::count).reversed())
                .thenComparing(PortHolder::local)
                .thenComparing(h -> String.join("\n", h.stack())));
        return List.copyOf(holders);
    }

    /** Whether a socket bound to {@code held} keeps a bind of {@code requested} (same port) from succeeding. */
    static boolean conflicts(Endpoint requested, Endpoint held) {
        return requested.isWildcard() || held.isWildcard() || requested.sameAddress(held);
    }

    /** Seconds until the kernel frees a TIME_WAIT row, or null when the row has no timewait timer. */
    static Double secondsLeft(TcpRow row) {
        if (row.timerActive() != TIMEWAIT_TIMER) {
            return null;
        }
        return Math.max(0, row.timerTicks()) / (double) TICKS_PER_SECOND;
    }

    private static int rank(PortHolder h) {
        boolean listen = TcpState.LISTEN.name().equals(h.state());
        return switch (h.owner()) {
            case PortHolder.THIS_JVM -> listen ? 0 : 3;
            case PortHolder.OTHER_PROCESS -> listen ? 1 : 4;
            default -> listen ? 2 : 5;
        };
    }

    private record Key(String state, String owner, Long pid, String local, List<String> stack) {
    }

    private static final class Group {
        int count;
        Double secondsLeft;

        void add(TcpRow row) {
            count++;
            Double left = PortHolders.secondsLeft(row);
            if (left != null && (secondsLeft == null || left > secondsLeft)) {
                secondsLeft = left;
            }
        }

        Double secondsLeft() {
            return secondsLeft;
        }
    }
}
