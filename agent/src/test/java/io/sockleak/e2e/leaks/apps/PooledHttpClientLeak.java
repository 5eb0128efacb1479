package io.sockleak.e2e.leaks.apps;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pooled Apache HttpClient 5 whose responses are never closed, against a server that answers
 * and hangs up: the client's pooled connections sit in CLOSE_WAIT, leased forever.
 */
public final class PooledHttpClientLeak {

    private static final int REQUESTS = 3;
    private static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread serving = new Thread(() -> serve(server), "http-server");
        serving.setDaemon(true);
        serving.start();
        CloseableHttpClient client = HttpClients.createDefault();
        KEEP.add(client);
        for (int i = 0; i < REQUESTS; i++) {
            KEEP.add(fetch(client, "http://127.0.0.1:" + server.getLocalPort() + "/item/" + i));
        }
        ProcNet.awaitCloseWaitTowards(server.getLocalPort(), REQUESTS);
        System.out.println("DONE");
    }

    static ClassicHttpResponse fetch(CloseableHttpClient client, String url) throws IOException {
        Expect.siteOfNextLine("http-fetch");
        return client.executeOpen(null, new HttpGet(url), null);
    }

    private static void serve(ServerSocket server) {
        try {
            while (true) {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // skip the request head
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the listener closed at exit
        }
    }
}
