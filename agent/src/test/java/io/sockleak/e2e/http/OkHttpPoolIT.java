package io.sockleak.e2e.http;

import io.sockleak.e2e.http.apps.OkHttpApp;

/** {@link PooledClientContract} for OkHttp 4.12, whose pool keeps idle connections for 5 minutes. */
class OkHttpPoolIT extends PooledClientContract {

    @Override
    Class<?> app() {
        return OkHttpApp.class;
    }

    @Override
    String pool() {
        return "OkHttp";
    }
}
