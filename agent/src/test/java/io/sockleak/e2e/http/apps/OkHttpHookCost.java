package io.sockleak.e2e.http.apps;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What the pool hooks cost per request: sequential OkHttp GETs on one kept-alive connection against
 * the local upstream (args: port, requests), each a borrow and a return; run with and without the
 * agent and compare. Prints the median of 5 rounds, in microseconds per request.
 */
public final class OkHttpHookCost {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        OkHttpClient client = new OkHttpClient();
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/").build();
        round(client, request, requests); // warm-up: JIT, the connection, the agent's first look-ups
        double[] micros = new double[5];
        for (int r = 0; r < micros.length; r++) {
            micros[r] = round(client, request, requests) / 1000.0 / requests;
        }
        java.util.Arrays.sort(micros);
        System.out.printf(java.util.Locale.ROOT, "COST %.1f us/request (rounds %s)%n", micros[2], java.util.Arrays.toString(micros));
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }

    private static long round(OkHttpClient client, Request request, int requests) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            try (Response response = client.newCall(request).execute()) {
                response.body().string();
            }
        }
        return System.nanoTime() - start;
    }
}
