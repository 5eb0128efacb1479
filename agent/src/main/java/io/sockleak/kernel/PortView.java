package io.sockleak.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The kernel's view of one port, for explaining a bind failure: the rows of /proc/net/tcp{,6} whose
 * local port is that port and, only if one of them has an inode, this process's socket fds. Lines
 * are filtered on their local port as they are read, in 64 KiB chunks, and only those are parsed: with
 * tens of thousands of sockets in the namespace this costs the kernel's read and little else, where a
 * full snapshot would also parse and keep every row. Not thread-safe (one worker thread uses it).
 */
public final class PortView {

    private final Path procRoot;
    private final byte[] chunk = new byte[ProcFileReader.CHUNK];
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteArrayOutputStream matched = new ByteArrayOutputStream();

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
        boolean tcp = table(procRoot.resolve("net/tcp"), false, port, rows, problems);
        boolean tcp6 = table(procRoot.resolve("net/tcp6"), true, port, rows, problems);
        if (!tcp && !tcp6) {
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
        return new KernelSnapshot(true, problems.toString(), rows, sockets, -1, KernelSnapshot.FD_LIMIT_UNKNOWN, now);
    }

    private boolean table(Path file, boolean ipv6, int port, List<TcpRow> into, StringJoiner problems) {
        try {
            into.addAll(ProcNetTcpParser.parse(linesOnPort(file, port), ipv6));
            return true;
        } catch (IOException | RuntimeException e) {
            problems.add(file + " not readable: " + e.getClass().getSimpleName());
            return false;
        }
    }

    /** The lines of a /proc/net/tcp file whose local port is {@code port}, each ending in a newline. */
    byte[] linesOnPort(Path file, int port) throws IOException {
        byte[] wanted = portHex(port);
        partial.reset();
        matched.reset();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                int n = ProcFileReader.readChunk(channel, chunk, 0);
                if (n < 0) {
                    break;
                }
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    if (partial.size() > 0) {
                        partial.write(chunk, start, i - start);
                        byte[] line = partial.toByteArray();
                        keepIfOnPort(line, 0, line.length, wanted);
                        partial.reset();
                    } else {
                        keepIfOnPort(chunk, start, i, wanted);
                    }
                    start = i + 1;
                }
                partial.write(chunk, start, n - start);
            }
        }
        return matched.toByteArray();
    }

    private void keepIfOnPort(byte[] b, int from, int to, byte[] wanted) {
        if (localPortIs(b, from, to, wanted)) {
            matched.write(b, from, to - from);
            matched.write('\n');
        }
    }

    /** Whether the line's local address field ("sl: ADDR:PORT ...") ends in the wanted four hex digits. */
    static boolean localPortIs(byte[] b, int from, int to, byte[] wanted) {
        int i = from;
        while (i < to && b[i] != ':') {
            i++;
        }
        i++;
        while (i < to && b[i] == ' ') {
            i++;
        }
        while (i < to && b[i] != ':' && b[i] != ' ') {
            i++;
        }
        if (i + 5 >= to || b[i] != ':' || b[i + 5] != ' ') {
            return false;
        }
        for (int k = 0; k < 4; k++) {
            if (Character.toUpperCase(b[i + 1 + k]) != wanted[k]) {
                return false;
            }
        }
        return true;
    }

    static byte[] portHex(int port) {
        String hex = String.format(Locale.ROOT, "%04X", port);
        return new byte[] {(byte) hex.charAt(0), (byte) hex.charAt(1), (byte) hex.charAt(2), (byte) hex.charAt(3)};
    }
}
