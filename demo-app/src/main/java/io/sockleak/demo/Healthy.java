package io.sockleak.demo;

import static io.sockleak.demo.Net.LOOPBACK;
import static io.sockleak.demo.Net.say;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The same kinds of traffic as the leaky scenarios (java.net accept/connect, NIO accept/connect), done
 * right: every socket in try-with-resources. An echo server per API on its own thread, clients on the
 * main thread. Nothing is left open; the TIME_WAIT rows that remain are the kernel's, not leaks.
 */
final class Healthy implements Scenario {

    static final int SOCKET_CLIENTS = 24;
    static final int CHANNEL_CLIENTS = 12;

    @Override
    public String name() {
        return "healthy";
    }

    @Override
    public String description() {
        return "no leaks: " + (SOCKET_CLIENTS + CHANNEL_CLIENTS) + " connections (java.net and NIO), all closed"
                + " with try-with-resources";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        int before = ProcNetTcp.ownTcpRows().size();

        try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
            int port = listener.getLocalPort();
            result.listener(port);
            Server server = start("echo-server", () -> {
                for (int i = 0; i < SOCKET_CLIENTS; i++) {
                    try (Socket conn = listener.accept()) {
                        conn.setSoTimeout(Net.READ_TIMEOUT_MS);
                        String line = new BufferedReader(new InputStreamReader(conn.getInputStream(),
                                StandardCharsets.US_ASCII)).readLine();
                        conn.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            });
            for (int i = 0; i < SOCKET_CLIENTS; i++) {
                try (Socket client = new Socket(LOOPBACK, port)) {
                    client.setSoTimeout(Net.READ_TIMEOUT_MS);
                    OutputStream out = client.getOutputStream();
                    out.write(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    Net.drain(client.getInputStream());
                }
                result.connected();
            }
            join(server);
            say(SOCKET_CLIENTS + " java.net connections to 127.0.0.1:" + port + " echoed and closed");
        }

        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            result.listener(address.getPort());
            Server server = start("nio-echo-server", () -> {
                for (int i = 0; i < CHANNEL_CLIENTS; i++) {
                    try (SocketChannel conn = listener.accept()) {
                        ByteBuffer buf = ByteBuffer.allocate(64);
                        while (!endsWithNewline(buf) && conn.read(buf) != -1) {
                            // read the request line
                        }
                        buf.flip();
                        while (buf.hasRemaining()) {
                            conn.write(buf);
                        }
                    }
                }
            });
            for (int i = 0; i < CHANNEL_CLIENTS; i++) {
                try (SocketChannel client = SocketChannel.open(address)) {
                    client.write(ByteBuffer.wrap(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII)));
                    Net.drain(client);
                }
                result.connected();
            }
            join(server);
            say(CHANNEL_CLIENTS + " NIO connections to 127.0.0.1:" + address.getPort() + " echoed and closed");
        }

        if (ProcNetTcp.available()) {
            say("TCP socket fds open in this JVM: " + before + " before, " + ProcNetTcp.ownTcpRows().size() + " after");
        }
        return result;
    }

    private static boolean endsWithNewline(ByteBuffer buf) {
        return buf.position() > 0 && buf.get(buf.position() - 1) == '\n';
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private static final class Server extends Thread {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final IoTask task;

        Server(String name, IoTask task) {
            super(name);
            this.task = task;
            setDaemon(true); // should it ever get stuck, it must not keep the JVM alive
        }

        @Override
        public void run() {
            try {
                task.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }
    }

    private static Server start(String name, IoTask task) {
        Server server = new Server(name, task);
        server.start();
        return server;
    }

    private static void join(Server server) throws Exception {
        server.join(2_000);
        if (server.isAlive()) {
            throw new IllegalStateException(server.getName() + " did not finish");
        }
        if (server.failure.get() != null) {
            throw new IllegalStateException(server.getName() + " failed", server.failure.get());
        }
    }
}
