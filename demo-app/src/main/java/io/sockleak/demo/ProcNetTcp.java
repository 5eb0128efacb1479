package io.sockleak.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The kernel's view of TCP sockets: {@code /proc/net/tcp} and {@code /proc/net/tcp6} (Linux only).
 * The JVM binds dual-stack by default, so loopback sockets show in tcp6 as ::ffff:127.0.0.1; both
 * files are read. Used by scenarios to wait for a state instead of sleeping, and by the tests.
 */
public final class ProcNetTcp {

    public static final int ESTABLISHED = 0x01;
    public static final int SYN_SENT = 0x02;
    public static final int SYN_RECV = 0x03;
    public static final int FIN_WAIT1 = 0x04;
    public static final int FIN_WAIT2 = 0x05;
    public static final int TIME_WAIT = 0x06;
    public static final int CLOSE = 0x07;
    public static final int CLOSE_WAIT = 0x08;
    public static final int LAST_ACK = 0x09;
    public static final int LISTEN = 0x0A;
    public static final int CLOSING = 0x0B;

    private static final String[] NAMES = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
        "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"};

    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");

    /**
     * One row. For a LISTEN row {@code rxQueue} is the accept-queue length. {@code inode} is 0 for
     * TIME_WAIT rows and for connections still in a listener's accept queue (never accepted).
     */
    public record Row(InetAddress localAddress, int localPort, InetAddress remoteAddress, int remotePort,
                      int state, long txQueue, long rxQueue, long inode) {

        public String stateName() {
            return state > 0 && state < NAMES.length ? NAMES[state] : "0x" + Integer.toHexString(state);
        }

        public boolean is(int st, int local, int remote) {
            return state == st && localPort == local && remotePort == remote;
        }

        @Override
        public String toString() {
            return localAddress.getHostAddress() + ":" + localPort + " -> " + remoteAddress.getHostAddress() + ":"
                    + remotePort + " " + stateName() + " rx=" + rxQueue + " tx=" + txQueue + " inode=" + inode;
        }
    }

    private ProcNetTcp() {
    }

    /** True when /proc/net/tcp can be read (Linux). */
    public static boolean available() {
        return Files.isReadable(TCP) || Files.isReadable(TCP6);
    }

    /** All rows of tcp and tcp6; empty when /proc is not there. */
    public static List<Row> read() {
        List<Row> rows = new ArrayList<>();
        readInto(TCP, rows);
        readInto(TCP6, rows);
        return rows;
    }

    public static List<Row> read(Predicate<Row> filter) {
        List<Row> rows = read();
        rows.removeIf(filter.negate());
        return rows;
    }

    private static void readInto(Path file, List<Row> rows) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return;
        }
        rows.addAll(parse(lines));
    }

    /** Parses the lines of /proc/net/tcp or tcp6 (the header line is skipped). */
    public static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
            if (f.length < 10 || !f[0].endsWith(":")) {
                continue;
            }
            try {
                int lc = f[1].indexOf(':');
                int rc = f[2].indexOf(':');
                int qc = f[4].indexOf(':');
                rows.add(new Row(
                        address(f[1].substring(0, lc)), Integer.parseInt(f[1].substring(lc + 1), 16),
                        address(f[2].substring(0, rc)), Integer.parseInt(f[2].substring(rc + 1), 16),
                        Integer.parseInt(f[3], 16),
                        Long.parseLong(f[4].substring(0, qc), 16), Long.parseLong(f[4].substring(qc + 1), 16),
                        Long.parseLong(f[9])));
            } catch (RuntimeException | UnknownHostException e) {
                // not a row we understand
            }
        }
        return rows;
    }

    /** 8 hex digits (one 32-bit word) or 32 (four); each word is printed in host (little-endian) order. */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] b = new byte[hex.length() / 2];
        for (int w = 0; w < b.length / 4; w++) {
            for (int i = 0; i < 4; i++) {
                int at = (w * 4 + (3 - i)) * 2;
                b[w * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(b);
    }

    /**
     * Polls until {@code condition} holds on the current rows, at most {@code timeoutMs}. Returns
     * whether it held. Without /proc, waits a short moment and returns false.
     */
    public static boolean await(Predicate<List<Row>> condition, long timeoutMs) throws InterruptedException {
        if (!available()) {
            Thread.sleep(Math.min(timeoutMs, 100));
            return false;
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            if (condition.test(read())) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
    }

    public static long count(List<Row> rows, Predicate<Row> filter) {
        return rows.stream().filter(filter).count();
    }

    /**
     * The TCP rows this process holds an fd for. (Not every socket fd is TCP: once NIO is initialised,
     * JDK 17 keeps one end of an AF_UNIX socketpair open for its pre-close trick.)
     */
    public static List<Row> ownTcpRows() {
        Set<Long> own = ownSocketInodes();
        return read(r -> r.inode() != 0 && own.contains(r.inode()));
    }

    /** Inodes of the sockets (any family) this process holds an fd for ({@code socket:[inode]} in /proc/self/fd). */
    public static Set<Long> ownSocketInodes() {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | RuntimeException e) {
                    // fd closed meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return inodes;
    }
}
