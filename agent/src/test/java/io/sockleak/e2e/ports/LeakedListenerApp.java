package io.sockleak.e2e.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;

/**
 * The seeds' "leaked server of a previous test": a listener never closed, then binds of its port.
 * {@code leak}: leaks a listener itself, then binds its port with a ServerSocket, a client Socket and
 * a ServerSocketChannel. {@code bind PORT}: only the ServerSocket bind of a port someone else holds.
 */
public final class LeakedListenerApp {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Kept reachable: a dropped ServerSocket would be closed by its Cleaner at some GC. */
    static ServerSocket leaked;

    private LeakedListenerApp() {
    }

    public static void main(String[] args) throws Exception {
        int port;
        if (args[0].equals("leak")) {
            port = leak();
            System.out.println("leaked listener on port " + port);
            attempt("socket-bind", () -> {
                try (Socket client = new Socket()) {
                    client.bind(new InetSocketAddress(LOOPBACK, port));
                }
            });
            attempt("channel-bind", () -> {
                try (ServerSocketChannel channel = ServerSocketChannel.open()) {
                    channel.bind(new InetSocketAddress(LOOPBACK, port));
                }
            });
        } else {
            port = Integer.parseInt(args[1]);
        }
        attempt("server-bind", () -> {
            try (ServerSocket again = new ServerSocket(port, 50, LOOPBACK)) {
                again.getLocalPort();
            }
        });
        System.out.println("done");
    }

    static int leak() throws IOException {
        leaked = new ServerSocket(0, 50, LOOPBACK); // LEAK: never closed
        return leaked.getLocalPort();
    }

    interface Bind {
        void run() throws IOException;
    }

    static void attempt(String what, Bind bind) {
        try {
            bind.run();
            System.out.println(what + ": bound");
        } catch (IOException e) {
            System.out.println(what + ": " + e);
        }
    }
}
