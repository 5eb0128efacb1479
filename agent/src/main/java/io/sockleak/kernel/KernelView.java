package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads this process's view of TCP from a proc file system: {@code <root>/net/tcp}, {@code net/tcp6},
 * {@code self/fd} and {@code self/limits}. One buffer is reused across snapshots, so snapshots are
 * serialised.
 */
public final class KernelView {

    private static final int MAX_LINE_BYTES = 1024 * 1024;

    private final Path procRoot;
    private final String osName;
    private final ProcFileReader reader = new ProcFileReader(MAX_LINE_BYTES);
    /** Inodes of other processes' LISTEN and CLOSE_WAIT sockets seen in the last snapshot. */
    private Set<Long> foreignInodes = Set.of();
    private Boolean procFileSystem;

    public KernelView(Path procRoot) {
        this(procRoot, osName());
    }

    KernelView(Path procRoot, String osName) {
        this.procRoot = procRoot;
        this.osName = osName;
    }

    public KernelSnapshot snapshot() {
        return snapshot(TrackedSockets.NONE);
    }

    /**
     * This process's descriptors and the rows a diagnosis can use (see {@link RowSelection}). Only the
     * links of descriptors {@code tracked} does not know are read, and the whole of /proc/self/fd only
     * when a LISTEN or CLOSE_WAIT row's owner is unknown. Never throws an exception; problems are
     * reported through {@link KernelSnapshot#reason()}.
     */
    public synchronized KernelSnapshot snapshot(TrackedSockets tracked) {
        try {
            return read(tracked);
        } catch (RuntimeException e) {
            return KernelSnapshot.unavailable("reading " + procRoot + " failed: " + describe(e));
        }
    }

    private KernelSnapshot read(TrackedSockets tracked) {
        long now = System.currentTimeMillis();
        if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return KernelSnapshot.unavailable("not Linux (" + osName + ")");
        }
        if (procRoot == null) {
            return KernelSnapshot.unavailable("no proc root");
        }
        StringJoiner problems = new StringJoiner("; ");
        // Descriptors first: their inodes decide which rows are kept. A socket opened between the
        // reads has no row in this snapshot either way.
        Path fdDir = procRoot.resolve("self/fd");
        Map<Integer, Long> own = new HashMap<>();
        tracked.forEach((fd, inode) -> {
            long socketInode = inode > 0 ? inode : ProcFdReader.socketInodeAt(fdDir, fd);
            if (socketInode > 0) {
                own.put(fd, socketInode);
            }
        });

        RowSelection selection = new RowSelection(new HashSet<>(own.values()), foreignInodes);
        List<TcpRow> rows = new ArrayList<>();
        boolean tcp = readTable(procRoot.resolve("net/tcp"), false, selection, rows, problems);
        boolean tcp6 = readTable(procRoot.resolve("net/tcp6"), true, selection, rows, problems);

        Map<Integer, Long> sockets = null;
        int openFds = -1;
        try {
            if (selection.hasUnresolved()) {
                ProcFdReader.Listing listing = ProcFdReader.read(fdDir, own);
                sockets = listing.socketInodeByFd();
                openFds = listing.openFds();
                selection.resolve(rows, sockets);
            } else {
                openFds = openFds(fdDir, own);
                sockets = own;
            }
            foreignInodes = selection.foreignInodes();
        } catch (IOException | RuntimeException e) {
            problems.add(fdDir + " not readable: " + describe(e));
        }

        long[] fdLimit = {KernelSnapshot.FD_LIMIT_UNKNOWN};
        Path limits = procRoot.resolve("self/limits");
        try {
            reader.readLines(limits, (content, length) -> {
                long limit = ProcLimitsParser.maxOpenFiles(content, length);
                if (limit != KernelSnapshot.FD_LIMIT_UNKNOWN) {
                    fdLimit[0] = limit;
                }
            });
        } catch (IOException | RuntimeException e) {
            problems.add(limits + " not readable: " + describe(e));
        }

        if ((!tcp && !tcp6) || sockets == null) {
            return KernelSnapshot.unavailable(problems.toString());
        }
        return new KernelSnapshot(true, problems.toString(), rows, sockets, openFds, fdLimit[0], now);
    }

    /**
     * Since Linux 6.2 the size of a /proc/[pid]/fd directory is its number of descriptors; before, it
     * is 0, and the directory is listed.
     */
    private int openFds(Path fdDir, Map<Integer, Long> known) throws IOException {
        if (procFileSystem == null) {
            procFileSystem = isProcFileSystem(fdDir);
        }
        if (procFileSystem) {
            long size = Files.size(fdDir);
            if (size > 0 && size <= Integer.MAX_VALUE) {
                return (int) size;
            }
        }
        return ProcFdReader.read(fdDir, known).openFds();
    }

    private static boolean isProcFileSystem(Path dir) {
        try {
            return "proc".equals(Files.getFileStore(dir).type());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean readTable(Path file, boolean ipv6, RowFilter filter, List<TcpRow> into, StringJoiner problems) {
        try {
            reader.readLines(file, (content, length) -> ProcNetTcpParser.parseInto(content, length, ipv6, filter, into));
            return true;
        } catch (IOException | RuntimeException e) {
            problems.add(file + " not readable: " + describe(e));
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName();
    }

    private static String osName() {
        try {
            return System.getProperty("os.name");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
