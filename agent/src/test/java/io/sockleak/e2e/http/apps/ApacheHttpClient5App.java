package io.sockleak.e2e.http.apps;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * Apache HttpClient 5 (classic, pooling connection manager: the default) against the idle-closing
 * upstream. Its pool has no idle eviction unless configured, so idle connections the upstream
 * closed stay pooled in CLOSE_WAIT until the next lease checks them.
 */
public final class ApacheHttpClient5App {

    public static void main(String[] args) throws Exception {
        ClientRun run = ClientRun.of(args);
        CloseableHttpClient client = HttpClients.createDefault();
        ClientRun.KEEP.add(client);
        switch (run.mode) {
            case "correct" -> {
                List<CloseableHttpResponse> open = new ArrayList<>();
                for (int i = 0; i < run.count; i++) {
                    open.add(client.execute(new HttpGet(run.url("/"))));
                }
                for (CloseableHttpResponse response : open) {
                    EntityUtils.consume(response.getEntity());
                    response.close();
                }
            }
            case "load" -> ClientRun.onThreads(() -> {
                for (int i = 0; i < ClientRun.LOAD_REQUESTS; i++) {
                    client.execute(new HttpGet(run.url("/")), response -> EntityUtils.toString(response.getEntity()));
                }
            });
            case "leak" -> {
                for (int i = 0; i < run.count; i++) {
                    ClientRun.KEEP.add(leak(client, run.url("/")));
                }
            }
            default -> throw new IllegalArgumentException(run.mode);
        }
        run.closeWaitThenHandOver(run.mode.equals("load") ? 1 : run.count);
    }

    private static ClassicHttpResponse leak(CloseableHttpClient client, String url) throws Exception {
        return client.executeOpen(null, new HttpGet(url), null); // LEAK: HttpClient 5 response never closed
    }
}
