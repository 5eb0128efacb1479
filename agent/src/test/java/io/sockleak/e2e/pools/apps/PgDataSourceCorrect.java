package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.TestServers;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The twin of {@link PgDataSourceLeak} in correct code: connections in try-with-resources; the one
 * the server ends fails its next query and is closed; a healthy one is open during the reports and
 * closed before main returns. Expected: no leak at any report.
 */
public final class PgDataSourceCorrect {

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("pg-ds-correct");
        PGSimpleDataSource ds = PgDataSourceLeak.dataSource(name);
        try (Connection ended = open(ds)) {
            ended.createStatement().execute("SELECT 1");
            TestServers.terminateBackends(name);
            PoolApp.awaitCloseWait(TestServers.PG_PORT, 1);
            try (Statement s = ended.createStatement()) {
                s.execute("SELECT 1");
                throw new IllegalStateException("a query on a session the server ended succeeded");
            } catch (SQLException expected) {
                System.out.println("the ended session failed as expected: " + expected.getSQLState());
            }
        }
        try (Connection healthy = open(ds)) {
            healthy.createStatement().execute("SELECT 1");
            PoolApp.awaitCloseWait(TestServers.PG_PORT, 0);
            PoolApp.readyThenServe();
        }
    }

    static Connection open(PGSimpleDataSource ds) throws SQLException {
        return ds.getConnection(); // OPEN-CORRECT
    }
}
