package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
