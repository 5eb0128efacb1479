package io.sockleak.e2e.http.apps;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * OkHttp against the idle-closing upstream. Its pool keeps idle connections for 5 minutes, far
 * longer than the upstream's timeout, so correct code ends with idle pooled connections in
 * CLOSE_WAIT; leaking code never closes the responses, so their connections stay allocated.
 */
public final class OkHttpApp {

    public static void main(String[] args) throws Exception {
        ClientRun run = ClientRun.of(args);
        OkHttpClient client = new OkHttpClient();
        ClientRun.KEEP.add(client);
        switch (run.mode) {
            case "correct" -> {
                // Held open together so the pool ends with `count` distinct connections, then closed.
                List<Response> open = new ArrayList<>();
                for (int i = 0; i < run.count; i++) {
                    open.add(client.newCall(new Request.Builder().url(run.url("/")).build()).execute());
                }
                for (Response response : open) {
                    response.body().string();
                    response.close();
                }
            }
            case "load" -> ClientRun.onThreads(() -> {
                for (int i = 0; i < ClientRun.LOAD_REQUESTS; i++) {
                    try (Response response = client.newCall(new Request.Builder().url(run.url("/")).build()).execute()) {
                        response.body().string();
                    }
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

    private static Response leak(OkHttpClient client, String url) throws Exception {
        return client.newCall(new Request.Builder().url(url).build()).execute(); // LEAK: OkHttp response never closed
    }
}
