package io.sockleak.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real /proc captures under src/test/resources/proc, as snapshots and as a fake proc root. */
public final class ProcCapture {

    private ProcCapture() {
    }

    /** fd-dualstack.txt: "4 socket:[5245]" lines. */
    public static Map<Integer, Long> socketInodeByFd(String name) {
        Map<Integer, Long> byFd = new HashMap<>();
        for (String line : new String(ProcResources.bytes(name), StandardCharsets.US_ASCII).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && f[1].startsWith("socket:[")) {
                byFd.put(Integer.parseInt(f[0]), Long.parseLong(f[1].substring(8, f[1].length() - 1)));
            }
        }
        return byFd;
    }

    /** The dual-stack run: tcp6 rows and the fds of the capturing JVM. */
    public static KernelSnapshot dualStack() {
        List<TcpRow> rows = new ArrayList<>(ProcNetTcpParser.parse(ProcResources.bytes("tcp6-dualstack.txt"), true));
        Map<Integer, Long> fds = socketInodeByFd("fd-dualstack.txt");
        return new KernelSnapshot(true, "", rows, fds, fds.size() + 3, 20_000, System.currentTimeMillis(),
                KernelSnapshot.PROC);
    }

    /** The IPv4-stack run's tcp rows, with the given fds as this process's. */
    public static KernelSnapshot ipv4Stack(Map<Integer, Long> fds) {
        List<TcpRow> rows = new ArrayList<>(ProcNetTcpParser.parse(ProcResources.bytes("tcp-ipv4stack.txt"), false));
        return new KernelSnapshot(true, "", rows, fds, fds.size() + 3, 20_000, System.currentTimeMillis(),
                KernelSnapshot.PROC);
    }

    /**
     * A proc root for KernelView: net/tcp (empty table), net/tcp6 (the dual-stack capture),
     * self/fd with the captured socket links, self/limits.
     */
    public static Path fakeProcRoot(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        Files.createDirectories(dir.resolve("self/fd"));
        Files.write(dir.resolve("net/tcp"), "  sl  local_address rem_address   st\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("net/tcp6"), ProcResources.bytes("tcp6-dualstack.txt"));
        Files.write(dir.resolve("self/limits"), ProcResources.bytes("limits.txt"));
        for (Map.Entry<Integer, Long> e : socketInodeByFd("fd-dualstack.txt").entrySet()) {
            Files.createSymbolicLink(dir.resolve("self/fd/" + e.getKey()), Path.of("socket:[" + e.getValue() + "]"));
        }
        return dir;
    }
}
