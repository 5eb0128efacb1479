package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.TestServers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The twin of {@link PgDriverManagerLeak} in correct code: the same connection, ended by the same
 * server, but in try-with-resources, so the failed query closes it. A second, healthy connection
 * stays open (ESTABLISHED) while the test takes its reports and is closed before main returns.
 * Expected: no leak at any report.
 */
public final class PgDriverManagerCorrect {

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("pg-dm-correct");
        try (Connection ended = open(name)) {
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
        try (Connection healthy = open(name)) {
            healthy.createStatement().execute("SELECT 1");
            PoolApp.awaitCloseWait(TestServers.PG_PORT, 0);
            PoolApp.readyThenServe();
        }
    }

    static Connection open(String name) throws SQLException {
        return DriverManager.getConnection(TestServers.jdbcUrl(), TestServers.pgProperties(name)); // OPEN-CORRECT
    }
}
