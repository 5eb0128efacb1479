package io.sockleak.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;

/** Loopback connections the workloads open and hold. */
final class Loopback {

    /** 127.0.0.1 as a literal: no name service involved. */
    static final InetAddress ADDRESS = loopback();

    private Loopback() {
    }

    /** {@code connections} connections to {@code listener}, both ends kept (two sockets each). */
    static void open(ServerSocket listener, List<Socket> kept, int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            Socket client = new Socket(ADDRESS, listener.getLocalPort());
            kept.add(client);
            kept.add(listener.accept());
        }
    }

    /**
     * Closes with SO_LINGER 0 (a reset, no TIME_WAIT), so that the thousands of connections a heap or
     * report child held leave no rows in /proc/net/tcp6 for the next child to read.
     */
    static void closeWithoutTimeWait(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.setSoLinger(true, 0);
            s.close();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
