package io.sockleak.kernel;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows a diagnosis of this process can use, and no more, whatever other processes hold: those of
 * its known sockets; connections no process holds yet (inode 0) that may wait in the accept queue of a
 * listener that is or may be this process's (the kernel lists LISTEN rows before the others in each
 * table, so their ports are known when the connections come); and LISTEN and CLOSE_WAIT rows whose
 * owner is not known yet ("unresolved": they may be an untracked socket of this process), at most
 * {@code maxUnresolved} of them. Rows of sockets known to be other processes' are skipped; TIME_WAIT
 * rows, often most of the table, are never kept. Every row not kept is counted.
 *
 * <p>More unresolved rows than the budget (a neighbour with 300,000 CLOSE_WAIT sockets, issue 14) make
 * the selection {@link #overflowed()}: the reader then lists this process's descriptors first and reads
 * again with an {@code exact} selection, in which every own socket is known and any other inode is
 * another process's, so nothing is kept on the chance that it is ours.
 */
final class RowSelection implements RowFilter {

    private final Set<Long> known;
    private final Set<Long> foreignBefore;
    private final boolean exact;
    private final int maxUnresolved;
    private int knownSeen;
    private final Set<Long> foreignSeen = new HashSet<>();
    private final Set<Long> unresolved = new HashSet<>();
    private final Set<Integer> listenPorts = new HashSet<>();
    private long notKept;
    private long foreignListenOrCloseWait;
    private boolean overflowed;

    /**
     * @param exact         {@code knownOwnInodes} holds every socket of this process (its descriptors
     *                      were listed): no row is unresolved
     * @param maxUnresolved the most unresolved rows kept before the selection overflows
     */
    RowSelection(Set<Long> knownOwnInodes, Set<Long> foreignInodes, boolean exact, int maxUnresolved) {
        this.known = knownOwnInodes;
        this.foreignBefore = foreignInodes;
        this.exact = exact;
        this.maxUnresolved = Math.max(1, maxUnresolved);
    }

    @Override
    public boolean mayKeepState(TcpState state) {
        return state != TcpState.TIME_WAIT;
    }

    @Override
    public void droppedByState() {
        notKept++;
    }

    @Override
    public boolean mayKeep(TcpState state, int localPort) {
        if (state == TcpState.TIME_WAIT) {
            notKept++;
            return false;
        }
        return true;
    }

    @Override
    public boolean keep(TcpState state, int localPort, long inode) {
        if (inode == 0) {
            return count(state.canWaitInAcceptQueue() && listenPorts.contains(localPort));
        }
        if (known.contains(inode)) {
            knownSeen++; // a socket has one row
            return listening(state, localPort);
        }
        if (state != TcpState.LISTEN && state != TcpState.CLOSE_WAIT) {
            return count(false);
        }
        if (exact || foreignBefore.contains(inode)) {
            foreignListenOrCloseWait++;
            if (!exact) {
                remember(inode);
            }
            return count(false);
        }
        if (unresolved.size() >= maxUnresolved) {
            overflowed = true;
            return count(false);
        }
        unresolved.add(inode);
        return listening(state, localPort);
    }

    private boolean listening(TcpState state, int localPort) {
        if (state == TcpState.LISTEN) {
            listenPorts.add(localPort);
        }
        return true;
    }

    private boolean count(boolean keep) {
        if (!keep) {
            notKept++;
        }
        return keep;
    }

    /** Whether every known inode had its row: a socket a descriptor holds always has one. */
    boolean sawEveryKnown() {
        return knownSeen == known.size();
    }

    /** More unresolved rows than the budget were seen: the rows read are incomplete, read again exactly. */
    boolean overflowed() {
        return overflowed;
    }

    /** Rows read but not kept: other processes', TIME_WAIT, orphans. */
    long notKept() {
        return notKept;
    }

    /** LISTEN and CLOSE_WAIT rows found to be other processes' in this read. */
    long foreignListenOrCloseWait() {
        return foreignListenOrCloseWait;
    }

    /** The unresolved inodes, to be resolved through {@link #markOwn} and {@link #dropForeign}. */
    Set<Long> unresolved() {
        return unresolved;
    }

    void markOwn(Collection<Long> ownInodes) {
        unresolved.removeAll(ownInodes);
    }

    /**
     * Drops the rows still unresolved: once every descriptor has been read, they are other processes';
     * and the waiting connections of their listeners with them.
     */
    void dropForeign(List<TcpRow> rows) {
        if (!unresolved.isEmpty()) {
            int before = rows.size();
            rows.removeIf(row -> unresolved.contains(row.inode()));
            Set<Integer> ownListenPorts = new HashSet<>();
            for (TcpRow row : rows) {
                if (row.state() == TcpState.LISTEN) {
                    ownListenPorts.add(row.local().port());
                }
            }
            rows.removeIf(row -> row.inode() == 0 && !ownListenPorts.contains(row.local().port()));
            notKept += before - rows.size();
            foreignListenOrCloseWait += unresolved.size();
            unresolved.forEach(this::remember);
            unresolved.clear();
        }
    }

    /** Remembers at most twice the unresolved budget: more foreign rows than that overflow the next read. */
    private void remember(long foreignInode) {
        if (foreignSeen.size() < 2L * maxUnresolved) {
            foreignSeen.add(foreignInode);
        }
    }

    /** The other processes' sockets to skip next time: those still in the tables. */
    Set<Long> foreignInodes() {
        return foreignSeen;
    }
}
