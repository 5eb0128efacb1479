package io.sockleak.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTTP/1.1 server on loopback that keeps connections alive but closes one that stays idle for
 * {@link #IDLE_MS}: the peer of a connection pool whose idle timeout is shorter than the client's
 * keep-alive (the JDK's HttpURLConnection keeps idle connections 5 s). Answers every request with
 * {@code 200 ok}. Runs on a daemon thread; its own sockets are closed as a server should.
 */
public final class IdleClosingHttpServer implements AutoCloseable {

    static final int IDLE_MS = 300;
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=5\r\n"
            + "Content-Type: text/plain\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;

    public IdleClosingHttpServer() throws IOException {
        listener = new ServerSocket(0, 50, Net.LOOPBACK);
        Thread acceptor = new Thread(this::acceptLoop, "idle-closing-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket conn = listener.accept()) {
                serve(conn);
            } catch (IOException stopped) {
                return;
            }
        }
    }

    /** Answers requests until the client closes or stays quiet for IDLE_MS; then the server closes. */
    private static void serve(Socket conn) throws IOException {
        conn.setSoTimeout(IDLE_MS);
        InputStream in = conn.getInputStream();
        OutputStream out = conn.getOutputStream();
        try {
            while (readRequestHead(in)) {
                out.write(RESPONSE);
                out.flush();
            }
        } catch (SocketTimeoutException idle) {
            // idle too long: close, as servers with a short keep-alive timeout do
        }
    }

    /** Reads up to the blank line that ends a request head; false at end of stream. */
    private static boolean readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b; (b = in.read()) != -1; ) {
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
