package io.sockleak.e2e.threads.apps;

import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The hot paths the hand-off hooks sit on, timed, to run with and without the agent and compare (see
 * docs/performance.md). Args: netty-nio|netty-epoll N (connect and close one Netty channel), or
 * http-keepalive|http-new N (one java.net.http request on a pooled connection, or on a new connection each).
 * Prints "NS-PER-OP x" for the last half of the N iterations (the first half warms up).
 */
public final class HandoffCost {

    public static void main(String[] args) throws Exception {
        // Else the JDK's HttpServer writes headers and body apart and each request waits out a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String what = args[0];
        int n = Integer.parseInt(args[1]);
        long ns = switch (what) {
            case "netty-nio", "netty-epoll" -> netty(Transports.of(what.substring("netty-".length())), n);
            case "http-keepalive" -> http(n, false);
            case "http-new" -> http(n, true);
            default -> throw new IllegalArgumentException(what);
        };
        System.out.println("NS-PER-OP " + ns);
    }

    private static long netty(Transports transport, int n) throws Exception {
        EventLoopGroup group = transport.group("bench");
        try (ServerSocket server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        // closed at once
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.client())
                    .handler(new NettyClientApp.IgnoresFin(new java.util.concurrent.CountDownLatch(0)));
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            long start = 0;
            for (int i = 0; i < n; i++) {
                if (i == n / 2) {
                    start = System.nanoTime();
                }
                bootstrap.connect(address).sync().channel().close().sync();
            }
            return (System.nanoTime() - start) / (n - n / 2);
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static long http(int n, boolean newConnection) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (newConnection) {
                exchange.getResponseHeaders().add("Connection", "close");
            }
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
            long start = 0;
            for (int i = 0; i < n; i++) {
                if (i == n / 2) {
                    start = System.nanoTime();
                }
                client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            return (System.nanoTime() - start) / (n - n / 2);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
