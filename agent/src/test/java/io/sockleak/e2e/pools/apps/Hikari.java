package io.sockleak.e2e.pools.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sockleak.testing.TestServers;

/** A fixed-size HikariCP pool against the test PostgreSQL, its sessions tagged with the app's name. */
final class Hikari {

    private Hikari() {
    }

    /**
     * {@code size} connections, all created at start (minimumIdle = maximumPoolSize, so the pool never
     * retires idle ones on its own). Hikari's keepalive (default 2 min) would find a dead idle
     * connection eventually; every scenario here ends well before.
     */
    static HikariConfig config(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(TestServers.jdbcUrl());
        config.setUsername(TestServers.PG_USER);
        config.setPassword(TestServers.PG_PASSWORD);
        config.addDataSourceProperty("ApplicationName", name);
        config.setMinimumIdle(size);
        config.setMaximumPoolSize(size);
        return config;
    }

    /** Waits until the pool (which fills itself on a background thread) holds {@code idle} idle connections. */
    static void awaitIdle(HikariDataSource ds, int idle) throws InterruptedException {
        PoolApp.await(idle + " idle connections in " + ds.getPoolName(),
                () -> ds.getHikariPoolMXBean().getIdleConnections() == idle);
    }
}
