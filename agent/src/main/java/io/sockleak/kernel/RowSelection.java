package io.sockleak.kernel;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows a diagnosis of this process can use: those of its known sockets, the connections no process
 * holds yet that may wait in a listener's accept queue, and LISTEN and CLOSE_WAIT rows whose owner is
 * not known yet ("unresolved": they may be an untracked socket of this process). Rows of sockets known
 * to be other processes' are skipped; TIME_WAIT rows, often most of the table, are never kept.
 */
final class RowSelection implements RowFilter {

    private final Set<Long> known;
    private final Set<Long> foreignBefore;
    private int knownSeen;
    private final Set<Long> foreignSeen = new HashSet<>();
    private final Set<Long> unresolved = new HashSet<>();

    RowSelection(Set<Long> knownOwnInodes, Set<Long> foreignInodes) {
        this.known = knownOwnInodes;
        this.foreignBefore = foreignInodes;
    }

    @Override
    public boolean mayKeepState(TcpState state) {
        return state != TcpState.TIME_WAIT;
    }

    @Override
    public boolean mayKeep(TcpState state, int localPort) {
        return state != TcpState.TIME_WAIT;
    }

    @Override
    public boolean keep(TcpState state, long inode) {
        if (inode == 0) {
            return state.canWaitInAcceptQueue();
        }
        if (known.contains(inode)) {
            knownSeen++; // a socket has one row
            return true;
        }
        if (state != TcpState.LISTEN && state != TcpState.CLOSE_WAIT) {
            return false;
        }
        if (foreignBefore.contains(inode)) {
            foreignSeen.add(inode);
            return false;
        }
        unresolved.add(inode);
        return true;
    }

    /** Whether every known inode had its row: a socket a descriptor holds always has one. */
    boolean sawEveryKnown() {
        return knownSeen == known.size();
    }

    /** The unresolved inodes, to be resolved through {@link #markOwn} and {@link #dropForeign}. */
    Set<Long> unresolved() {
        return unresolved;
    }

    void markOwn(Collection<Long> ownInodes) {
        unresolved.removeAll(ownInodes);
    }

    /** Drops the rows still unresolved: once every descriptor has been read, they are other processes'. */
    void dropForeign(List<TcpRow> rows) {
        if (!unresolved.isEmpty()) {
            rows.removeIf(row -> unresolved.contains(row.inode()));
            foreignSeen.addAll(unresolved);
            unresolved.clear();
        }
    }

    /** The other processes' sockets to skip next time: those still in the tables. */
    Set<Long> foreignInodes() {
        return foreignSeen;
    }
}
