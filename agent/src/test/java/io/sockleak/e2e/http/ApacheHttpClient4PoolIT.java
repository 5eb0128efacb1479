package io.sockleak.e2e.http;

import io.sockleak.e2e.http.apps.ApacheHttpClient4App;

/** {@link PooledClientContract} for Apache HttpClient 4.5's pooling connection manager. */
class ApacheHttpClient4PoolIT extends PooledClientContract {

    @Override
    Class<?> app() {
        return ApacheHttpClient4App.class;
    }

    @Override
    String pool() {
        return "Apache HttpClient 4";
    }
}
