package io.sockleak.e2e.http.apps;

import org.apache.http.HttpResponse;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * Apache HttpClient 4.5 ({@code PoolingHttpClientConnectionManager}, the default) against the
 * idle-closing upstream: like version 5, idle pooled connections stay in CLOSE_WAIT until reused.
 */
public final class ApacheHttpClient4App {

    public static void main(String[] args) throws Exception {
        ClientRun run = ClientRun.of(args);
        CloseableHttpClient client = HttpClients.custom().setMaxConnPerRoute(20).setMaxConnTotal(40).build();
        // (the default allows 2 connections per route: a third request would wait for one of them)
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

    private static HttpResponse leak(CloseableHttpClient client, String url) throws Exception {
        return client.execute(new HttpGet(url)); // LEAK: HttpClient 4 response never closed
    }
}
