package io.sockleak.demo;

import static io.sockleak.demo.Net.LOOPBACK;
import static io.sockleak.demo.Net.say;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A server that reads each request to the end and forgets to close the connection. The clients close
 * (FIN), the server's read returns -1, and its end stays in CLOSE_WAIT for as long as the process
 * lives. The accepted sockets are kept in a list (as a connection registry would), so they are never
 * collected either.
 */
final class AcceptNoClose implements Scenario {

    static final int CLIENTS = 3;

    @Override
    public String name() {
        return "accept-no-close";
    }

    @Override
    public String description() {
        return CLIENTS + " CLOSE_WAIT leaks: origin accepted, api socket, opened at the accept() in AcceptNoClose";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        List<Socket> connections = new ArrayList<>(); // the server's registry: filled, never closed
        try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
            int port = listener.getLocalPort();
            result.listener(port);
            say("listening on 127.0.0.1:" + port);
            for (int i = 1; i <= CLIENTS; i++) {
                try (Socket client = new Socket(LOOPBACK, port)) {
                    client.getOutputStream().write(Net.PING);
                } // the client is done and closes: FIN
                result.connected();
                Socket conn = listener.accept(); // LEAK: accepted, never closed
                connections.add(conn);
                conn.setSoTimeout(Net.READ_TIMEOUT_MS);
                int n = Net.drain(conn.getInputStream()); // -1: the client's FIN arrived, so CLOSE_WAIT
                result.leak(Result.ACCEPTED, Result.SOCKET, port, conn.getPort());
                say("accepted 127.0.0.1:" + conn.getPort() + ", read " + n + " bytes then EOF; not closing it");
            }
        } // only the listener is closed here
        for (Socket conn : connections) {
            result.closeOnRelease(conn);
        }
        say(CLIENTS + " accepted sockets left open in CLOSE_WAIT; the listener is closed");
        return result;
    }
}
