package io.sockleak.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the scenarios. */
final class Net {

    /** 127.0.0.1 (a literal: no name lookup). */
    static final InetAddress LOOPBACK = loopback();

    /** Read timeout for java.net sockets: nothing here should ever wait that long. */
    static final int READ_TIMEOUT_MS = 2_000;

    static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BYE = "bye\n".getBytes(StandardCharsets.US_ASCII);

    private Net() {
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads until end of stream; returns the number of bytes read. EOF means the peer's FIN arrived. */
    static int drain(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        int total = 0;
        for (int n; (n = in.read(buf)) != -1; ) {
            total += n;
        }
        return total;
    }

    /**
     * Reads a blocking channel until end of stream. Only called once the peer has closed (or is about
     * to), so it cannot block for long.
     */
    static int drain(SocketChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        int total = 0;
        for (int n; (n = ch.read(buf)) != -1; buf.clear()) {
            total += n;
        }
        return total;
    }

    static void say(String line) {
        PrintStream out = System.out;
        out.println("  " + line);
        out.flush();
    }

    /**
     * Waits (at most 5 s) until {@code count} client sockets to {@code serverPort} are in CLOSE_WAIT:
     * the server closed them and this side did not. Without /proc (not Linux) waits for the server's
     * idle timeout instead.
     */
    static void awaitCloseWait(int serverPort, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!ProcNetTcp.available()) {
                Thread.sleep(IdleClosingHttpServer.IDLE_MS * 2L);
                return;
            }
            if (ProcNetTcp.read(r -> r.state() == ProcNetTcp.CLOSE_WAIT && r.remotePort() == serverPort).size() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(count + " socket(s) to port " + serverPort + " not in CLOSE_WAIT within 5 s");
    }
}
