package io.sockleak.e2e.ports;

import io.sockleak.testing.ProcSelf;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * The Lisp and C seeds: a server with SO_REUSEADDR off closes a connection first (its end goes to
 * TIME_WAIT), closes its listener, and binds the port again: once with SO_REUSEADDR off, once on.
 * {@code socket} uses ServerSocket, {@code channel} ServerSocketChannel.
 */
public final class TimeWaitApp {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private TimeWaitApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean channel = args[0].equals("channel");
        int port = channel ? serveOneWithChannel() : serveOneWithSocket();
        System.out.println("time-wait on port " + port + ": " + awaitTimeWait(port));
        for (boolean reuse : new boolean[] {false, true}) {
            String what = "rebind reuse=" + reuse;
            try {
                if (channel) {
                    try (ServerSocketChannel again = ServerSocketChannel.open()) {
                        again.setOption(StandardSocketOptions.SO_REUSEADDR, reuse);
                        again.bind(new InetSocketAddress(LOOPBACK, port));
                    }
                } else {
                    try (ServerSocket again = new ServerSocket()) {
                        again.setReuseAddress(reuse);
                        again.bind(new InetSocketAddress(LOOPBACK, port));
                    }
                }
                System.out.println(what + ": bound");
            } catch (IOException e) {
                System.out.println(what + ": " + e);
            }
        }
        System.out.println("done");
    }

    private static int serveOneWithSocket() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(false);
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            try (Socket client = new Socket(LOOPBACK, listener.getLocalPort())) {
                listener.accept().close(); // the server closes first: its end will be in TIME_WAIT
                InputStream in = client.getInputStream();
                while (in.read() >= 0) {
                    // until EOF
                }
            }
            return listener.getLocalPort();
        }
    }

    private static int serveOneWithChannel() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            try (SocketChannel client = SocketChannel.open(new InetSocketAddress(LOOPBACK, port))) {
                listener.accept().close();
                ByteBuffer buffer = ByteBuffer.allocate(16);
                while (client.read(buffer) >= 0) {
                    buffer.clear();
                }
            }
            return port;
        }
    }

    /** Waits until /proc shows a TIME_WAIT row on the port (state 06), at most 10 s (tables can be big). */
    private static boolean awaitTimeWait(int port) throws Exception {
        String local = String.format(Locale.ROOT, ":%04X ", port);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (ProcSelf.countTcpRows(f -> f[1].endsWith(local.trim()) && f[3].equals("06")) > 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
