package io.sockleak.e2e.verdicts.apps;

import io.sockleak.testing.AgentProbe;
import io.sockleak.testing.ProcSelf;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Child programs for the verdicts: a server whose own shutdown hook closes its connections (correct
 * code: no leak at SIGTERM or exit), and one that reads the peer's end-of-stream and keeps the socket
 * (a leak a single look can prove).
 */
public final class VerdictApp {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "closes-in-its-shutdown-hook" -> closesInItsShutdownHook(Integer.parseInt(args[1]));
            case "eof-kept" -> eofKept(Long.parseLong(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("DONE");
    }

    /**
     * Like a server with a graceful stop: connections its clients closed are still in CLOSE_WAIT when
     * the JVM starts to exit, and the server's own shutdown hook closes them, slowly.
     */
    private static void closesInItsShutdownHook(int connections) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        List<Socket> accepted = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
                accepted.add(server.accept());
            }
        }
        ProcSelf.awaitCloseWait(connections);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(300); // a graceful stop takes its time: the race the agent used to lose
                for (Socket s : accepted) {
                    s.close();
                }
                server.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "server-stop"));
        System.out.println("READY");
        if (Boolean.getBoolean("waitForSignal")) {
            Thread.sleep(60_000);
        }
    }

    /**
     * Reads end-of-stream on one connection and keeps it; another connection in CLOSE_WAIT is never
     * read. Waits {@code quietMillis}, then asks for a dump: the first look at both sockets.
     */
    private static void eofKept(long quietMillis) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        Socket read;
        Socket unread;
        try (Socket a = new Socket(LOOPBACK, server.getLocalPort());
             Socket b = new Socket(LOOPBACK, server.getLocalPort())) {
            read = server.accept();
            unread = server.accept();
        }
        KEEP.add(read);
        KEEP.add(unread);
        KEEP.add(server);
        InputStream in = read.getInputStream();
        if (in.read() != -1) {
            throw new IllegalStateException("expected end-of-stream");
        }
        System.out.println("EOF-READ peer-port " + read.getPort());
        ProcSelf.awaitCloseWait(2);
        Thread.sleep(quietMillis); // the time the application keeps the socket after seeing the FIN
        System.out.println("DUMP " + AgentProbe.dump());
    }
}
