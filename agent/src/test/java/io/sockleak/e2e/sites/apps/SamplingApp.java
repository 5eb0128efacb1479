package io.sockleak.e2e.sites.apps;

import io.sockleak.testing.AgentProbe;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that opens sockets fast from one line, so that the agent samples that line's stacks, and
 * keeps one in three open after the server has closed them (CLOSE_WAIT leaks, most of them with a
 * sampled stack); dumps; then leaks a few from another line towards the same server on the same
 * thread (the same sampling key), and dumps again. Prints {@code DUMP path} after each dump and
 * {@code LATER port} for each socket of the second line.
 * <p>
 * With a second argument {@code correct DIR}, the correct-code twin: the same fast line, every socket
 * closed; it waits for an interval report in DIR, dumps, prints {@code DUMP path} and exits.
 */
public final class SamplingApp {

    public static void main(String[] args) throws Exception {
        int opens = Integer.parseInt(args[0]);
        if (args.length > 2 && args[1].equals("correct")) {
            closeEveryOne(opens, java.nio.file.Path.of(args[2]));
            return;
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1000, loopback)) {
            Thread acceptor = new Thread(() -> closeEverything(server), "closer");
            acceptor.setDaemon(true);
            acceptor.start();
            List<Socket> kept = new ArrayList<>();
            for (int i = 0; i < opens; i++) {
                Socket socket = open(loopback, server.getLocalPort());
                if (i % 3 == 0) {
                    kept.add(socket);
                } else {
                    socket.close();
                }
            }
            System.out.println("DUMP " + dumpWhenClosed(kept));
            List<Socket> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Socket socket = new Socket(loopback, server.getLocalPort()); // LATER
                later.add(socket);
                System.out.println("LATER " + socket.getLocalPort());
            }
            kept.addAll(later);
            System.out.println("DUMP " + dumpWhenClosed(kept));
        }
    }

    private static void closeEveryOne(int opens, java.nio.file.Path reports) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1000, loopback)) {
            Thread acceptor = new Thread(() -> closeEverything(server), "closer");
            acceptor.setDaemon(true);
            acceptor.start();
            for (int i = 0; i < opens; i++) {
                open(loopback, server.getLocalPort()).close();
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!hasIntervalReport(reports) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("DUMP " + AgentProbe.dump());
        }
    }

    private static boolean hasIntervalReport(java.nio.file.Path reports) throws Exception {
        if (!java.nio.file.Files.isDirectory(reports)) {
            return false;
        }
        try (var files = java.nio.file.Files.list(reports)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith("-interval.json"));
        }
    }

    private static Socket open(InetAddress address, int port) throws Exception {
        return new Socket(address, port); // FAST
    }

    /** Once the kernel shows every kept socket in CLOSE_WAIT (the server closed them all). */
    private static String dumpWhenClosed(List<Socket> kept) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (closeWaitRows() < kept.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return AgentProbe.dump();
    }

    private static long closeWaitRows() throws Exception {
        long n = 0;
        for (String table : new String[]{"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("08")) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void closeEverything(ServerSocket server) {
        try {
            while (true) {
                server.accept().close();
            }
        } catch (Exception ended) {
            // the listener closed at exit
        }
    }
}
