package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The kernel's view of one port, for explaining a bind failure: the rows of /proc/net/tcp{,6} whose
 * local port is that port and, only if one of them has an inode, this process's socket fds. Rows on
 * other ports are dropped as soon as their local port is read, before anything else of them is
 * parsed: with tens of thousands of sockets in the namespace this costs the kernel's read and little
 * else. Not thread-safe (one worker thread uses it).
 */
public final class PortView {

    private final Path procRoot;
    private final ProcFileReader reader = new ProcFileReader();

    public PortView(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** Never throws; {@link KernelSnapshot#available()} is false when neither table could be read. */
    public KernelSnapshot read(int port) {
        long now = System.currentTimeMillis();
        if (procRoot == null) {
            return KernelSnapshot.unavailable("no proc root");
        }
        StringJoiner problems = new StringJoiner("; ");
        List<TcpRow> rows = new ArrayList<>();
        if (!TcpTables.read(reader, procRoot, RowFilter.onLocalPort(port), rows, problems)) {
            return KernelSnapshot.unavailable(problems.toString());
        }
        rows = oncePerConnection(rows);
        Map<Integer, Long> sockets = Map.of();
        if (rows.stream().anyMatch(r -> r.inode() != 0)) {
            Path fdDir = procRoot.resolve("self/fd");
            try {
                sockets = ProcFdReader.read(fdDir).socketInodeByFd();
            } catch (IOException | RuntimeException e) {
                problems.add(fdDir + " not readable: " + e.getClass().getSimpleName());
                return KernelSnapshot.unavailable(problems.toString());
            }
        }
        return new KernelSnapshot(true, problems.toString(), rows, sockets, -1, KernelSnapshot.FD_LIMIT_UNKNOWN, now,
                KernelSnapshot.PROC);
    }

    /**
     * The rows without repeats. The kernel writes /proc/net/tcp a chunk per read and resumes at a position
     * in its hash table; when connections come and go between two chunks (a busy machine's TIME_WAIT rows
     * expire all the time) a row can come twice, and "held by 2 TIME_WAIT" would count one connection twice.
     * A connection is one pair of addresses per family.
     */
    static List<TcpRow> oncePerConnection(List<TcpRow> rows) {
        record Connection(boolean ipv6, Endpoint local, Endpoint remote) {
        }
        Set<Connection> seen = new HashSet<>();
        List<TcpRow> once = new ArrayList<>(rows.size());
        for (TcpRow row : rows) {
            if (seen.add(new Connection(row.ipv6(), row.local(), row.remote()))) {
                once.add(row);
            }
        }
        return once;
    }
}
