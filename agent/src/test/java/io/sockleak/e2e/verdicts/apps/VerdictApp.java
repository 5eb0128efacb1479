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
 * code: no leak at SIGTERM or exit), one that reads the peer's end-of-stream and keeps the socket
 * (a leak a single look can prove), and one whose accept() lags (a look catches a connection queued)
 * then stops (a connection stays queued).
 */
public final class VerdictApp {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "closes-in-its-shutdown-hook" -> closesInItsShutdownHook(Integer.parseInt(args[1]));
            case "eof-kept" -> eofKept(Long.parseLong(args[1]));
            case "accept-queue" -> acceptQueue(Long.parseLong(args[1]));
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

    /**
     * A busy server's moment, then a stuck one, each seen by dumps (the only looks, scans off): a
     * connection queued at one look and accepted before the next (QUEUED, ACCEPTED), then a connection
     * left queued, looked at twice {@code waitMillis} apart (FIRST-LOOK, WAITED). The listener stays open,
     * so the shutdown report sees the second connection still queued at exit.
     */
    private static void acceptQueue(long waitMillis) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        KEEP.add(server);
        System.out.println("LISTENER " + server.getLocalPort());
        try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
            System.out.println("QUEUED " + client.getLocalPort() + " " + AgentProbe.dump());
            server.accept().close();
        }
        System.out.println("ACCEPTED " + AgentProbe.dump());
        Socket stuck = new Socket(LOOPBACK, server.getLocalPort());
        KEEP.add(stuck);
        System.out.println("FIRST-LOOK " + stuck.getLocalPort() + " " + AgentProbe.dump());
        Thread.sleep(waitMillis);
        System.out.println("WAITED " + AgentProbe.dump());
    }
}
