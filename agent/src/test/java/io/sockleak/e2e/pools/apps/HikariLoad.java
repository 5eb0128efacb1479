package io.sockleak.e2e.pools.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sockleak.testing.TestServers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Correct code under load: {@link #WORKERS} threads borrow from a pool of {@link #SIZE} with
 * try-with-resources and query, while the server ends sessions idle for 1 s (idle_session_timeout),
 * so a connection the pool leaves idle that long dies and is evicted when next lent (how often
 * depends on the timing: the pool favours recently used connections). The test takes
 * reports during the load; on {@code exit} the workers stop and the pool is closed. Expected: no
 * leak at any report (idle connections the server ended may show as stalePooled). Load lasts at most
 * {@link #MAX_MILLIS} even if the test never says exit.
 */
public final class HikariLoad {

    static final int SIZE = 4;
    static final int WORKERS = 3;
    static final long MAX_MILLIS = 60_000;

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("hikari-load");
        HikariConfig config = Hikari.config(name, SIZE);
        config.setConnectionInitSql(TestServers.idleSessionTimeoutSql(1000));
        AtomicLong queries = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Load load = new Load("hikari", WORKERS, MAX_MILLIS, worker -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT pg_sleep(0.002), " + worker)) {
                    r.next();
                    queries.incrementAndGet();
                } catch (SQLException e) {
                    failures.incrementAndGet(); // a dead connection Hikari did not catch: the next borrow retries
                }
            });
            PoolApp.await("100 queries", () -> queries.get() >= 100);
            PoolApp.readyThenServe();
            load.stop();
        }
        System.out.println("queries " + queries.get() + " failures " + failures.get());
    }
}
