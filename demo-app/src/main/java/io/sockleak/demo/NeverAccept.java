package io.sockleak.demo;

import static io.sockleak.demo.Net.LOOPBACK;
import static io.sockleak.demo.Net.say;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

/**
 * The Go story: a server listens but its accept loop never runs (here the acceptor thread waits for a
 * warm-up that never finishes). Clients connect, write and close without any error: the kernel
 * completed the handshakes on its own. The connections sit in the accept queue, and once the clients
 * have closed, in CLOSE_WAIT with no fd and no Java object: only the listener points at them.
 */
final class NeverAccept implements Scenario {

    static final int CLIENTS = 4;

    @Override
    public String name() {
        return "never-accept";
    }

    @Override
    public String description() {
        return "1 open listener with acceptQueue " + CLIENTS + ", and " + CLIENTS
                + " never-accepted connections in CLOSE_WAIT on its port";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        ServerSocket listener = new ServerSocket(0, 50, LOOPBACK); // LEAK: listener, never accepts, left open
        result.hold(listener);
        int port = listener.getLocalPort();
        result.openListener(port);

        CountDownLatch warmUp = new CountDownLatch(1); // nobody ever counts it down
        Thread acceptor = new Thread(() -> acceptLoop(listener, warmUp), "acceptor");
        acceptor.setDaemon(true); // stuck for good: must not keep the JVM alive
        acceptor.start();
        result.closeOnRelease(() -> { // tests only: close the listener, then let the acceptor finish
            listener.close();
            warmUp.countDown();
        });
        say("listening on 127.0.0.1:" + port + "; the acceptor thread waits for a warm-up that never"
                + " finishes, so accept() is never called");

        for (int i = 1; i <= CLIENTS; i++) {
            try (Socket client = new Socket(LOOPBACK, port)) {
                client.getOutputStream().write(Net.PING);
                result.connected().leak(Result.UNACCEPTED, Result.NONE, port, client.getLocalPort());
                say("client " + i + " (port " + client.getLocalPort() + "): connected, wrote "
                        + Net.PING.length + " bytes, closed: no error");
            }
        }

        boolean seen = ProcNetTcp.await(rows -> ProcNetTcp.count(rows, r -> r.state() == ProcNetTcp.CLOSE_WAIT
                && r.localPort() == port && r.inode() == 0) >= CLIENTS, 2_000);
        if (seen) {
            long queue = ProcNetTcp.read(r -> r.state() == ProcNetTcp.LISTEN && r.localPort() == port).stream()
                    .mapToLong(ProcNetTcp.Row::rxQueue).max().orElse(-1);
            say("kernel: listener accept queue " + queue + ", " + CLIENTS
                    + " connections in CLOSE_WAIT that no one can close but the listener's owner");
        } else {
            say("(could not confirm the CLOSE_WAIT rows in /proc/net/tcp6)");
        }
        return result;
    }

    private static void acceptLoop(ServerSocket listener, CountDownLatch warmUp) {
        try {
            warmUp.await();
            while (!listener.isClosed()) {
                listener.accept().close(); // never reached while the JVM runs the scenario
            }
        } catch (InterruptedException | IOException e) {
            // listener closed (tests): done
        }
    }
}
