package io.sockleak.e2e.http.apps;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * java.net.http.HttpClient (HTTP/1.1). Modes as {@link ClientRun}, plus {@code async} (correct
 * code through sendAsync). Its pool watches idle connections on the selector and closes them as
 * soon as the peer hangs up, so correct code shows CLOSE_WAIT for a moment at most. The leaking code
 * asks for a 64 KiB body as an InputStream and never reads or closes it: the JDK pulls the body only
 * as it is read, so the exchange never ends and the connection never goes back to the pool, while
 * the upstream, done writing into the socket buffers, times it out and hangs up (measured: a 1 KiB
 * body arrives whole, the exchange completes and the JDK closes the connection at the hang-up; 256
 * KiB does not fit in the loopback buffers, so the upstream's FIN never arrives).
 */
public final class JdkHttpClientApp {

    public static void main(String[] args) throws Exception {
        ClientRun run = ClientRun.of(args);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ClientRun.KEEP.add(client);
        int expectedCloseWait = 0;
        switch (run.mode) {
            case "correct" -> {
                List<HttpResponse<InputStream>> open = new ArrayList<>();
                for (int i = 0; i < run.count; i++) {
                    open.add(client.send(get(run.url("/")), HttpResponse.BodyHandlers.ofInputStream()));
                }
                for (HttpResponse<InputStream> response : open) {
                    try (InputStream in = response.body()) {
                        in.readAllBytes();
                    }
                }
            }
            case "async" -> {
                List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
                for (int i = 0; i < run.count; i++) {
                    sent.add(client.sendAsync(get(run.url("/")), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> response : sent) {
                    response.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            case "load" -> ClientRun.onThreads(() -> {
                for (int i = 0; i < ClientRun.LOAD_REQUESTS; i++) {
                    client.send(get(run.url("/")), HttpResponse.BodyHandlers.ofString());
                }
            });
            case "leak" -> {
                for (int i = 0; i < run.count; i++) {
                    ClientRun.KEEP.add(leak(client, run.url("/big?kib=" + (args.length > 3 ? args[3] : "64"))));
                }
                expectedCloseWait = run.count;
            }
            default -> throw new IllegalArgumentException(run.mode);
        }
        run.closeWaitThenHandOver(expectedCloseWait);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static HttpResponse<InputStream> leak(HttpClient client, String url) throws Exception {
        return client.send(get(url), HttpResponse.BodyHandlers.ofInputStream()); // LEAK: java.net.http body never read or closed
    }
}
