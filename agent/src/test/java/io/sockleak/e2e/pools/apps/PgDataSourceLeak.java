package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.TestServers;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Leaking: {@link PgDriverManagerLeak} through pgjdbc's PGSimpleDataSource (a DataSource that does
 * not pool: each getConnection opens a socket). Two connections never closed, ended by the server.
 * Expected: 2 leaks, frame = the OPEN-LEAK line.
 */
public final class PgDataSourceLeak {

    static final int CONNECTIONS = 2;

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("pg-ds-leak");
        PGSimpleDataSource ds = dataSource(name);
        for (int i = 0; i < CONNECTIONS; i++) {
            Connection forgotten = open(ds);
            forgotten.createStatement().execute("SELECT 1");
            PoolApp.KEEP.add(forgotten);
        }
        if (TestServers.terminateBackends(name) != CONNECTIONS) {
            throw new IllegalStateException("the server did not end the sessions of " + name);
        }
        PoolApp.awaitCloseWait(TestServers.PG_PORT, CONNECTIONS);
        PoolApp.readyThenServe();
    }

    static PGSimpleDataSource dataSource(String name) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {TestServers.HOST});
        ds.setPortNumbers(new int[] {TestServers.PG_PORT});
        ds.setDatabaseName(TestServers.PG_DATABASE);
        ds.setUser(TestServers.PG_USER);
        ds.setPassword(TestServers.PG_PASSWORD);
        ds.setApplicationName(name);
        return ds;
    }

    static Connection open(PGSimpleDataSource ds) throws SQLException {
        return ds.getConnection(); // OPEN-LEAK
    }
}
