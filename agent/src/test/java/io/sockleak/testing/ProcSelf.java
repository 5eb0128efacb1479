package io.sockleak.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** What the kernel shows of this process, for child apps that check it themselves. */
public final class ProcSelf {

    private static final String SOCKET_PREFIX = "socket:[";

    private ProcSelf() {
    }

    /** Each descriptor of this process that is a socket, with its inode. */
    public static Map<Integer, Long> socketInodeByFd() throws IOException {
        Map<Integer, Long> sockets = new HashMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(SOCKET_PREFIX)) {
                        sockets.put(Integer.parseInt(fd.getFileName().toString()),
                                Long.parseLong(target.substring(SOCKET_PREFIX.length(), target.length() - 1)));
                    }
                } catch (IOException gone) {
                    // closed meanwhile, or the listing's own descriptor
                }
            }
        }
        return sockets;
    }

    /**
     * How many descriptors of this process are TCP sockets (their inode is in /proc/net/tcp or tcp6): not
     * the agent's netlink socket, which a count of all sockets would catch while a scan has it open.
     */
    public static int tcpSocketCount() throws IOException {
        java.util.Set<String> mine = new java.util.HashSet<>();
        socketInodeByFd().values().forEach(inode -> mine.add(Long.toString(inode)));
        return countTcpRows(f -> mine.contains(f[9]));
    }

    /**
     * The rows of /proc/net/tcp and tcp6 (header left out; a table that is not there counts none) whose
     * whitespace-separated fields {@code match}: [1] local, [2] remote, [3] state, [9] inode.
     */
    public static int countTcpRows(Predicate<String[]> match) throws IOException {
        int count = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[0].endsWith(":") && match.test(f)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Waits (at most 10 s) until at least {@code count} sockets of this process are in CLOSE_WAIT. */
    public static void awaitCloseWait(int count) {
        Poll.until(count + " sockets of this process in CLOSE_WAIT", java.time.Duration.ofSeconds(10), () -> {
            try {
                java.util.Set<String> mine = new java.util.HashSet<>();
                socketInodeByFd().values().forEach(inode -> mine.add(Long.toString(inode)));
                return countTcpRows(f -> f[3].equals("08") && mine.contains(f[9])) >= count;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
