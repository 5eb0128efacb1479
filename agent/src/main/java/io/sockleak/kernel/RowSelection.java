package io.sockleak.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows a diagnosis of this process can use: those of its known sockets, the connections no process
 * holds yet that may wait in a listener's accept queue, and LISTEN and CLOSE_WAIT rows whose owner is
 * not known yet ("unresolved": they may be an untracked socket of this process). Rows of sockets found
 * to be another process's are remembered and skipped in later snapshots; TIME_WAIT rows, often most of
 * the table, are never kept.
 */
final class RowSelection implements RowFilter {

    private final Set<Long> known;
    private final Set<Long> foreignBefore;
    private final Set<Long> foreignSeen = new HashSet<>();
    private final Set<Long> unresolved = new HashSet<>();

    RowSelection(Set<Long> knownOwnInodes, Set<Long> foreignInodes) {
        this.known = knownOwnInodes;
        this.foreignBefore = foreignInodes;
    }

    @Override
    public boolean mayKeep(TcpState state) {
        return state != TcpState.TIME_WAIT;
    }

    @Override
    public boolean keep(TcpState state, long inode) {
        if (inode == 0) {
            return state.canWaitInAcceptQueue();
        }
        if (known.contains(inode)) {
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

    /** Whether some kept rows belong to sockets whose owner is not known: then every descriptor must be read. */
    boolean hasUnresolved() {
        return !unresolved.isEmpty();
    }

    /** Drops the unresolved rows that {@code ownInodeByFd} (every socket descriptor of this process) does not hold. */
    void resolve(List<TcpRow> rows, Map<Integer, Long> ownInodeByFd) {
        Set<Long> own = new HashSet<>(ownInodeByFd.values());
        unresolved.removeAll(own);
        rows.removeIf(row -> unresolved.contains(row.inode()));
        foreignSeen.addAll(unresolved);
        unresolved.clear();
    }

    /** The other processes' sockets to skip next time: those still in the tables. */
    Set<Long> foreignInodes() {
        return foreignSeen;
    }
}
