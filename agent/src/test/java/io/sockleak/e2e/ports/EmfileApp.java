package io.sockleak.e2e.ports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs out of descriptors (started under {@code ulimit -n 128}):
 * <ul>
 *   <li>{@code socket} / {@code channel}: listens, prints its port, waits for "go" (the test's
 *       clients, in another process, are connected by then) and accepts until accept fails;</li>
 *   <li>{@code connect PORT}: connects to the test's listener until that fails.</li>
 * </ul>
 * Then prints the failure, closes ten of its sockets, does one more accept or connect (which must
 * work), and waits for "exit".
 */
public final class EmfileApp {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final PrintStream OUT = System.out;

    private EmfileApp() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<AutoCloseable> open = new ArrayList<>();
        String mode = args[0];
        AutoCloseable again;
        switch (mode) {
            case "socket" -> {
                ServerSocket listener = new ServerSocket(0, 1000, LOOPBACK);
                OUT.println("port " + listener.getLocalPort());
                await(stdin, "go");
                IOException failure = acceptAll(listener, open);
                failed(failure, open);
                again = listener.accept();
            }
            case "channel" -> {
                ServerSocketChannel listener = ServerSocketChannel.open();
                listener.bind(new InetSocketAddress(LOOPBACK, 0), 1000);
                OUT.println("port " + ((InetSocketAddress) listener.getLocalAddress()).getPort());
                await(stdin, "go");
                IOException failure = acceptAllChannels(listener, open);
                failed(failure, open);
                again = listener.accept();
            }
            case "connect" -> {
                int port = Integer.parseInt(args[1]);
                IOException failure = connectAll(port, open);
                failed(failure, open);
                again = new Socket(LOOPBACK, port);
            }
            default -> throw new IllegalArgumentException(mode);
        }
        OUT.println("again: " + (again != null ? "ok" : "null"));
        await(stdin, "exit");
    }

    static IOException acceptAll(ServerSocket listener, List<AutoCloseable> open) {
        while (true) {
            try {
                open.add(listener.accept()); // SOCKET ACCEPT SITE
            } catch (IOException e) {
                return e;
            }
        }
    }

    static IOException acceptAllChannels(ServerSocketChannel listener, List<AutoCloseable> open) {
        while (true) {
            try {
                open.add(listener.accept()); // CHANNEL ACCEPT SITE
            } catch (IOException e) {
                return e;
            }
        }
    }

    static IOException connectAll(int port, List<AutoCloseable> open) {
        while (true) {
            try {
                open.add(new Socket(LOOPBACK, port)); // CONNECT SITE
            } catch (IOException e) {
                return e;
            }
        }
    }

    /** Tells what the application saw, then frees ten descriptors. */
    static void failed(IOException failure, List<AutoCloseable> open) throws Exception {
        OUT.println("failed after " + open.size() + " sockets: " + failure);
        OUT.println("first frame: " + failure.getStackTrace()[0]);
        closeSome(open);
    }

    static void closeSome(List<AutoCloseable> open) throws Exception {
        for (int i = 0; i < 10 && !open.isEmpty(); i++) {
            open.remove(open.size() - 1).close();
        }
    }

    static void await(BufferedReader stdin, String word) throws IOException {
        String line;
        while ((line = stdin.readLine()) != null) {
            if (line.trim().equals(word)) {
                return;
            }
        }
    }
}
