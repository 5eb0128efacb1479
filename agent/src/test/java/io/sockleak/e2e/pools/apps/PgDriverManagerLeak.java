package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.TestServers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Leaking: a pgjdbc connection from DriverManager that is never closed. The server then ends the
 * session (pg_terminate_backend, as an operator or a failover would): the client socket sits in
 * CLOSE_WAIT for as long as the process lives. Expected: 1 leak, frame = the OPEN-LEAK line.
 */
public final class PgDriverManagerLeak {

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("pg-dm-leak");
        Connection forgotten = open(name);
        forgotten.createStatement().execute("SELECT 1");
        PoolApp.KEEP.add(forgotten);
        if (TestServers.terminateBackends(name) != 1) {
            throw new IllegalStateException("the server did not end the session " + name);
        }
        PoolApp.awaitCloseWait(TestServers.PG_PORT, 1);
        PoolApp.readyThenServe();
    }

    static Connection open(String name) throws SQLException {
        return DriverManager.getConnection(TestServers.jdbcUrl(), TestServers.pgProperties(name)); // OPEN-LEAK
    }
}
