package io.sockleak.e2e.threads.apps;

import com.sun.net.httpserver.HttpServer;
import io.sockleak.testing.AgentProbe;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * java.net.http against a local HttpServer that sends a 64 KiB body and closes the connection
 * ({@code Connection: close}). Args: send|async, leak|close. In "leak" mode the application keeps each
 * response's body stream and never reads it: the client stops reading the socket, which the server has
 * closed, and it stays in CLOSE_WAIT. In "close" mode the body is read to its end and closed.
 * OPEN-DUMP after the requests; then a poll until the server's ends are gone, so the client side has its FIN.
 */
public final class HttpClientApp {

    static final int REQUESTS = 3;
    static final int BODY = 64 * 1024;

    public static void main(String[] args) throws Exception {
        boolean async = args[0].equals("async");
        boolean leak = args[1].equals("leak");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, BODY);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[BODY]);
            }
        });
        server.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        List<InputStream> bodies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).build();
            HttpResponse<InputStream> response = async ? sendAsync(client, request) : send(client, request);
            bodies.add(response.body());
        }
        if (!leak) {
            for (InputStream body : bodies) {
                try (body) {
                    body.readAllBytes();
                }
            }
        }
        System.out.println("OPEN-DUMP " + AgentProbe.dump());
        server.stop(0);
        System.out.println("DONE " + bodies.size());
    }

    static HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofInputStream()); // SEND
    }

    static HttpResponse<InputStream> sendAsync(HttpClient client, HttpRequest request) throws Exception {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()) // SEND-ASYNC
                .get(10, TimeUnit.SECONDS);
    }
}
