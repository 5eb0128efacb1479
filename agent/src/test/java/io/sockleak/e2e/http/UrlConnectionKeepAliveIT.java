package io.sockleak.e2e.http;

import io.sockleak.e2e.http.apps.UrlConnectionApp;

/** {@link PooledClientContract} for HttpURLConnection and the JDK's keep-alive cache (idle for up to 5 s there). */
class UrlConnectionKeepAliveIT extends PooledClientContract {

    @Override
    Class<?> app() {
        return UrlConnectionApp.class;
    }

    @Override
    String pool() {
        return "HttpURLConnection keep-alive";
    }
}
