package io.sockleak.e2e.http;

import io.sockleak.e2e.http.apps.JdkHttpClientApp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PooledClientContract} for java.net.http.HttpClient. Its pool watches idle connections on
 * the selector and closes one as soon as the peer hangs up, so correct code leaves nothing stale.
 */
class JdkHttpClientPoolIT extends PooledClientContract {

    @Override
    Class<?> app() {
        return JdkHttpClientApp.class;
    }

    @Override
    String pool() {
        return "java.net.http";
    }

    @Override
    boolean keepsStaleIdleConnections() {
        return false;
    }

    @Test
    void sendAsyncIsNeverReported() {
        ClientRunResult run = run("async");
        run.all().forEach(r -> assertEquals(0, Reports.leaks(r).size(), run.describe()));
        assertEquals(0, Reports.withTrigger(run.all(), "threshold").size(), run.describe());
    }
}
