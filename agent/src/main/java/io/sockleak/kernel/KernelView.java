package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Reads this process's view of TCP from a proc file system: {@code <root>/net/tcp}, {@code net/tcp6},
 * {@code self/fd} and {@code self/limits}. One buffer is reused across snapshots, so snapshots are
 * serialised.
 */
public final class KernelView {

    private final Path procRoot;
    private final String osName;
    private final ProcFileReader reader = new ProcFileReader();
    private final SocketOwners owners;
    /** The tables through netlink once opened (JDK 22+, the real /proc's namespace); null: /proc. */
    private NetlinkTables netlink;
    private boolean netlinkTried;

    /** Rows of unknown owner kept while reading when no budget is given. */
    static final int DEFAULT_MAX_UNRESOLVED_ROWS = 10_000;

    private volatile long rowsNotKept;

    public KernelView(Path procRoot) {
        this(procRoot, DEFAULT_MAX_UNRESOLVED_ROWS);
    }

    /** {@code maxUnresolvedRows}: see {@link RowSelection}; from the agent's memory budget. */
    public KernelView(Path procRoot, int maxUnresolvedRows) {
        this(procRoot, osName(), maxUnresolvedRows);
    }

    KernelView(Path procRoot, String osName) {
        this(procRoot, osName, DEFAULT_MAX_UNRESOLVED_ROWS);
    }

    KernelView(Path procRoot, String osName, int maxUnresolvedRows) {
        this.procRoot = procRoot;
        this.osName = osName;
        this.owners = new SocketOwners(procRoot == null ? null : procRoot.resolve("self/fd"), maxUnresolvedRows);
    }

    /** Rows of /proc/net/tcp* the last snapshot read but did not keep (other processes', TIME_WAIT, orphans). */
    public long rowsNotKept() {
        return rowsNotKept;
    }

    /** Every descriptor's link read, and counted. */
    public KernelSnapshot snapshot() {
        return snapshot(TrackedSockets.NONE, true);
    }

    /**
     * This process's sockets and the rows a diagnosis can use (see {@link RowSelection}), reading as
     * little of /proc/self/fd as {@link SocketOwners} can. {@code countDescriptors}: whether
     * {@link KernelSnapshot#openFds()} is wanted (before Linux 6.2 it takes a listing). Never throws
     * an exception; problems are reported through {@link KernelSnapshot#reason()}.
     */
    public synchronized KernelSnapshot snapshot(TrackedSockets tracked, boolean countDescriptors) {
        try {
            return read(tracked, countDescriptors);
        } catch (RuntimeException e) {
            return KernelSnapshot.unavailable("reading " + procRoot + " failed: " + describe(e));
        }
    }

    private KernelSnapshot read(TrackedSockets tracked, boolean countDescriptors) {
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
        SocketOwners.Pass pass = owners.start(tracked, now);
        List<TcpRow> rows = new ArrayList<>();
        boolean tablesRead = readTables(pass.filter(), rows, problems);
        if (tablesRead && pass.overflowed()) {
            // Other processes' rows beyond the budget: list this process's descriptors, then read again
            // keeping only its own rows (the rows of this read are incomplete).
            rows.clear();
            problems = new StringJoiner("; ");
            pass = owners.startExact(tracked);
            tablesRead = readTables(pass.filter(), rows, problems);
        }
        SocketOwners.Owned owned = null;
        try {
            owned = pass.finish(rows, tablesRead, countDescriptors, now);
            rowsNotKept = owned.rowsNotKept();
        } catch (IOException | RuntimeException e) {
            problems.add(procRoot.resolve("self/fd") + " not readable: " + describe(e));
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

        if (!tablesRead || owned == null) {
            return KernelSnapshot.unavailable(problems.toString());
        }
        return new KernelSnapshot(true, problems.toString(), rows, owned.inodeByFd(), owned.openFds(), fdLimit[0], now,
                tableSource());
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

    /**
     * The TCP rows {@code filter} keeps: through netlink where it works (the kernel drops the TIME_WAIT
     * rows before they are formatted), else from /proc/net/tcp and tcp6. Netlink is tried once, for the
     * real /proc only (a test's proc root is a folder of files); a failure later falls back for good.
     */
    private boolean readTables(RowFilter filter, List<TcpRow> rows, StringJoiner problems) {
        if (!netlinkTried) {
            netlinkTried = true;
            if (Path.of("/proc").equals(procRoot)) {
                try {
                    netlink = NetlinkTables.open();
                } catch (Throwable unavailable) {
                    netlink = null; // JDK before 22, no inet_diag, or no access: /proc it is
                }
            }
        }
        if (netlink != null) {
            try {
                rows.addAll(netlink.rows(filter));
                return true;
            } catch (Throwable failed) {
                netlink = null;
                rows.clear();
            }
        }
        return TcpTables.read(reader, procRoot, filter, rows, problems);
    }

    /** Where the TCP rows come from now: {@link KernelSnapshot#NETLINK} or {@link KernelSnapshot#PROC}. */
    public synchronized String tableSource() {
        return netlink != null ? KernelSnapshot.NETLINK : KernelSnapshot.PROC;
    }
}
