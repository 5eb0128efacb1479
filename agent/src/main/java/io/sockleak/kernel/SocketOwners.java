package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sockets in the TCP tables are this process's, with as few reads of {@code /proc/self/fd} as
 * possible (a link costs the kernel ~5 µs): tracked descriptors by the inode their records remember,
 * links read only for new ones; untracked descriptors that held a LISTEN or CLOSE_WAIT socket at the
 * last listing by one link each; the whole directory only when a LISTEN or CLOSE_WAIT row's owner is
 * still unknown. Other processes' sockets found by a listing are skipped for a minute. Remembers
 * between snapshots; not thread-safe ({@link KernelView} serialises).
 */
final class SocketOwners {

    /** How long a socket found to be another process's is taken to stay so (one could be passed to us). */
    static final long FOREIGN_TRUSTED_MILLIS = 60_000;

    /**
     * This process's socket descriptors, the number of its descriptors (-1 when not counted), and the
     * rows read but not kept.
     */
    record Owned(Map<Integer, Long> inodeByFd, int openFds, long rowsNotKept) {
    }

    private final Path fdDir;
    private final int maxUnresolvedRows;
    /** The last read found more of other processes' LISTEN and CLOSE_WAIT rows than the budget: list first. */
    private boolean listFirst;
    private Set<Long> foreignInodes = Set.of();
    private long foreignSinceMillis;
    private Map<Long, Integer> untrackedFdByInode = Map.of();
    private Boolean procFileSystem;

    /** {@code maxUnresolvedRows}: rows of unknown owner kept while reading (the agent's memory budget). */
    SocketOwners(Path fdDir, int maxUnresolvedRows) {
        this.fdDir = fdDir;
        this.maxUnresolvedRows = maxUnresolvedRows;
    }

    /** Starts a snapshot: the tracked descriptors' inodes, and the filter to read the tables with. */
    Pass start(TrackedSockets tracked, long nowMillis) {
        if (listFirst) {
            return startExact(tracked);
        }
        return new Pass(tracked, nowMillis - foreignSinceMillis <= FOREIGN_TRUSTED_MILLIS ? foreignInodes : Set.of(),
                false);
    }

    /**
     * Starts a snapshot that lists this process's descriptors before the tables are read, so that only
     * its own rows are kept: after a read that {@link Pass#overflowed()}.
     */
    Pass startExact(TrackedSockets tracked) {
        return new Pass(tracked, Set.of(), true);
    }

    final class Pass {
        private final Map<Integer, Long> own = new HashMap<>();
        private final Set<Integer> freshlyRead = new HashSet<>();
        private final Map<Integer, Long> untracked = new HashMap<>();
        private final RowSelection selection;
        private int listedOpenFds = -1;

        private Pass(TrackedSockets tracked, Set<Long> foreign, boolean listFirst) {
            tracked.forEach((fd, inode) -> {
                if (inode > 0) {
                    own.put(fd, inode);
                } else {
                    long read = ProcFdReader.socketInodeAt(fdDir, fd);
                    if (read > 0) {
                        own.put(fd, read);
                        freshlyRead.add(fd);
                    }
                }
            });
            boolean exact = false;
            Set<Long> known = new HashSet<>(own.values());
            if (listFirst) {
                try {
                    ProcFdReader.Listing listing = ProcFdReader.read(fdDir, own);
                    listing.socketInodeByFd().forEach((fd, inode) -> {
                        if (!own.containsKey(fd)) {
                            untracked.put(fd, inode);
                        }
                    });
                    known.addAll(untracked.values());
                    listedOpenFds = listing.openFds();
                    exact = true;
                } catch (IOException | RuntimeException unreadable) {
                    // read as usual; finish() reports the directory as not readable
                }
            }
            selection = new RowSelection(known, foreign, exact, maxUnresolvedRows);
        }

        RowFilter filter() {
            return selection;
        }

        /** More unknown LISTEN and CLOSE_WAIT rows than the budget: this read is to be done again exactly. */
        boolean overflowed() {
            return selection.overflowed();
        }

        /**
         * Once the tables are read into {@code rows}: resolves the rows' owners, reading what must be
         * read, and drops other processes' rows from {@code rows}.
         */
        Owned finish(List<TcpRow> rows, boolean tablesRead, boolean countDescriptors, long nowMillis)
                throws IOException {
            if (tablesRead && !selection.sawEveryKnown()) {
                // Every socket a descriptor holds has a row. A remembered inode without one may belong
                // to a descriptor closed unseen and reused: its link is read next time.
                Set<Long> inRows = new HashSet<>();
                for (TcpRow row : rows) {
                    inRows.add(row.inode());
                }
                own.entrySet().removeIf(e -> !freshlyRead.contains(e.getKey()) && !inRows.contains(e.getValue()));
            }
            recheckUntracked();
            Map<Integer, Long> sockets = own;
            if (!untracked.isEmpty()) {
                sockets = new HashMap<>(own);
                sockets.putAll(untracked);
            }
            int openFds = -1;
            if (!selection.unresolved().isEmpty()) {
                ProcFdReader.Listing listing = ProcFdReader.read(fdDir, sockets);
                listing.socketInodeByFd().forEach((fd, inode) -> {
                    if (!own.containsKey(fd)) {
                        untracked.put(fd, inode);
                    }
                });
                sockets = listing.socketInodeByFd();
                openFds = listing.openFds();
                selection.markOwn(sockets.values());
                selection.dropForeign(rows);
                foreignSinceMillis = nowMillis;
            } else if (listedOpenFds >= 0) {
                openFds = listedOpenFds;
            } else if (countDescriptors) {
                openFds = countDescriptors();
            }
            foreignInodes = selection.foreignInodes();
            untrackedFdByInode = listenOrCloseWait(untracked, rows);
            // Back to reading without a listing once other processes' rows fit the budget again.
            listFirst = listedOpenFds >= 0 && selection.foreignListenOrCloseWait() > maxUnresolvedRows / 2;
            return new Owned(sockets, openFds, selection.notKept());
        }

        private void recheckUntracked() {
            for (Long inode : new ArrayList<>(selection.unresolved())) {
                Integer fd = untrackedFdByInode.get(inode);
                if (fd != null && !own.containsKey(fd) && ProcFdReader.socketInodeAt(fdDir, fd) == inode) {
                    untracked.put(fd, inode);
                }
            }
            selection.markOwn(untracked.values());
        }

        /** Of the untracked sockets, those whose rows are LISTEN or CLOSE_WAIT: what the next snapshot re-checks. */
        private Map<Long, Integer> listenOrCloseWait(Map<Integer, Long> untrackedSockets, List<TcpRow> rows) {
            Map<Long, Integer> byInode = new HashMap<>();
            if (untrackedSockets.isEmpty()) {
                return byInode;
            }
            untrackedSockets.forEach((fd, inode) -> byInode.put(inode, fd));
            Set<Long> wanted = new HashSet<>();
            for (TcpRow row : rows) {
                if (row.state() == TcpState.LISTEN || row.state() == TcpState.CLOSE_WAIT) {
                    wanted.add(row.inode());
                }
            }
            byInode.keySet().retainAll(wanted);
            return byInode;
        }
    }

    /**
     * Since Linux 6.2 the size of a /proc/[pid]/fd directory is its number of descriptors. Before, it
     * is 0, and the entries are counted, less the one the listing itself holds.
     */
    private int countDescriptors() throws IOException {
        if (procFileSystem == null) {
            procFileSystem = isProcFileSystem(fdDir);
        }
        if (!procFileSystem) {
            return ProcFdReader.read(fdDir).openFds();
        }
        long size = Files.size(fdDir);
        if (size > 0 && size <= Integer.MAX_VALUE) {
            return (int) size;
        }
        return Math.max(0, ProcFdReader.countEntries(fdDir) - 1);
    }

    private static boolean isProcFileSystem(Path dir) {
        try {
            return "proc".equals(Files.getFileStore(dir).type());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
