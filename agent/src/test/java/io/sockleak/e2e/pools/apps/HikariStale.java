package io.sockleak.e2e.pools.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sockleak.testing.TestServers;

/**
 * Correct code, the false positive of issue 12: a HikariCP pool sits idle and the server ends idle
 * sessions after 1 s (idle_session_timeout, set by the pool's init SQL, as a DBA would set it for
 * the role). The pool does not notice until it lends a connection again, so its {@link #SIZE}
 * sockets sit in CLOSE_WAIT, idle in the pool. Expected: {@link #SIZE} stalePooled (pool "HikariCP"),
 * no leak. The pool stays open until exit, as in most applications.
 */
public final class HikariStale {

    static final int SIZE = 3;

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("hikari-stale");
        HikariConfig config = Hikari.config(name, SIZE);
        config.setConnectionInitSql(TestServers.idleSessionTimeoutSql(1000));
        HikariDataSource ds = new HikariDataSource(config);
        PoolApp.KEEP.add(ds);
        Hikari.awaitIdle(ds, SIZE);
        PoolApp.awaitCloseWait(TestServers.PG_PORT, SIZE);
        if (ds.getHikariPoolMXBean().getIdleConnections() != SIZE) {
            throw new IllegalStateException("the pool should still count its dead connections as idle");
        }
        PoolApp.readyThenServe();
    }
}
