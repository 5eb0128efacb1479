package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.TestServers;
import org.apache.commons.dbcp2.BasicDataSource;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Correct code, issue 12 with DBCP2 (commons-pool2 underneath, like Jedis): {@link #IDLE} connections
 * borrowed at once, used and closed (returned), then idle in the pool while the server ends idle
 * sessions after 1 s (idle_session_timeout, set by the pool's init SQL). DBCP2's evictor is off by
 * default, so nothing notices before the next borrow. Expected: {@link #IDLE} stalePooled (pool
 * "commons-pool2"), no leak.
 */
public final class Dbcp2Stale {

    static final int IDLE = 3;

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("dbcp2-stale");
        BasicDataSource ds = new BasicDataSource();
        ds.setUrl(TestServers.jdbcUrl());
        ds.setUsername(TestServers.PG_USER);
        ds.setPassword(TestServers.PG_PASSWORD);
        ds.addConnectionProperty("ApplicationName", name);
        ds.setConnectionInitSqls(List.of(TestServers.idleSessionTimeoutSql(1000)));
        PoolApp.KEEP.add(ds);
        List<Connection> borrowed = new ArrayList<>();
        for (int i = 0; i < IDLE; i++) {
            borrowed.add(ds.getConnection());
        }
        for (Connection c : borrowed) {
            try (c) {
                c.createStatement().execute("SELECT 1");
            }
        }
        if (ds.getNumIdle() != IDLE) {
            throw new IllegalStateException("expected " + IDLE + " idle, the pool has " + ds.getNumIdle());
        }
        PoolApp.awaitCloseWait(TestServers.PG_PORT, IDLE);
        PoolApp.readyThenServe();
    }
}
