package io.sockleak.e2e.http.apps;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK's HttpURLConnection: a response read to the end and closed puts its connection into the
 * JDK's keep-alive cache (5 per destination), where a timer thread closes it after 5 s idle (the
 * upstream sends no Keep-Alive header). The upstream closes after 1 s: in between, the cached
 * connection sits in CLOSE_WAIT. A response neither read, closed nor disconnected keeps its
 * connection out of the cache for good.
 */
public final class UrlConnectionApp {

    public static void main(String[] args) throws Exception {
        ClientRun run = ClientRun.of(args);
        switch (run.mode) {
            case "correct" -> {
                List<HttpURLConnection> open = new ArrayList<>();
                for (int i = 0; i < run.count; i++) {
                    HttpURLConnection connection = (HttpURLConnection) URI.create(run.url("/")).toURL().openConnection();
                    connection.getResponseCode();
                    open.add(connection);
                }
                for (HttpURLConnection connection : open) {
                    try (InputStream in = connection.getInputStream()) {
                        in.readAllBytes();
                    }
                }
            }
            case "load" -> ClientRun.onThreads(() -> {
                for (int i = 0; i < ClientRun.LOAD_REQUESTS; i++) {
                    HttpURLConnection connection = (HttpURLConnection) URI.create(run.url("/")).toURL().openConnection();
                    try (InputStream in = connection.getInputStream()) {
                        in.readAllBytes();
                    }
                }
            });
            case "leak" -> {
                for (int i = 0; i < run.count; i++) {
                    ClientRun.KEEP.add(leak(run.url("/")));
                }
            }
            default -> throw new IllegalArgumentException(run.mode);
        }
        run.closeWaitThenHandOver(run.mode.equals("load") ? 1 : run.count);
    }

    private static HttpURLConnection leak(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.getResponseCode(); // LEAK: HttpURLConnection stream never read, closed or disconnected
        return connection;
    }
}
