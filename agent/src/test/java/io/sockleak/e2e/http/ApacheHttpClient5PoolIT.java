package io.sockleak.e2e.http;

import io.sockleak.e2e.http.apps.ApacheHttpClient5App;

/** {@link PooledClientContract} for Apache HttpClient 5.4's pooling connection manager. */
class ApacheHttpClient5PoolIT extends PooledClientContract {

    @Override
    Class<?> app() {
        return ApacheHttpClient5App.class;
    }

    @Override
    String pool() {
        return "Apache HttpClient 5";
    }
}
