package io.sockleak.demo;

import static io.sockleak.demo.Net.say;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Correct code against a server with a short keep-alive: the response is read and closed, so the JDK
 * puts the connection back into HttpURLConnection's keep-alive cache, idle. The server closes it
 * after {@link IdleClosingHttpServer#IDLE_MS}; the cached socket sits in CLOSE_WAIT until the cache
 * drops it. Not a leak: a stale pooled connection, fixed by the pool's configuration.
 */
final class StalePooled implements Scenario {

    @Override
    public String name() {
        return "stale-pooled";
    }

    @Override
    public String description() {
        return "no leak; 1 stale pooled connection (pool HttpURLConnection keep-alive) in CLOSE_WAIT, with the"
                + " configuration advice";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        IdleClosingHttpServer server = new IdleClosingHttpServer();
        result.closeOnRelease(server).listener(server.port());
        HttpURLConnection http = (HttpURLConnection) URI.create(server.url()).toURL().openConnection();
        try (InputStream body = http.getInputStream()) {
            body.readAllBytes();
        } // read to the end and closed: the connection goes back to the keep-alive cache
        result.connected();
        say("GET " + server.url() + " -> " + http.getResponseCode() + "; the connection is idle in the keep-alive cache");
        Net.awaitCloseWait(server.port(), 1);
        say("the server closed the idle connection; the cached socket is in CLOSE_WAIT");
        return result;
    }
}
