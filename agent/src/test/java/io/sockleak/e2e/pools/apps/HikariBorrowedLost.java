package io.sockleak.e2e.pools.apps;

import com.zaxxer.hikari.HikariDataSource;
import io.sockleak.testing.TestServers;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Leaking: connections borrowed from HikariCP and never closed (so never returned). The pool made
 * them on its own thread, so where they were opened says nothing of the application; where they were
 * borrowed does. {@link #LOST} are borrowed at the BORROW-LOST line and kept, {@link #IDLE} stay
 * idle in the pool; then the server ends all sessions. Expected: {@link #LOST} leaks (evidence
 * BORROWED_NOT_RETURNED, pool "HikariCP", frame and borrowStack = the BORROW-LOST line) and
 * {@link #IDLE} stalePooled.
 */
public final class HikariBorrowedLost {

    static final int LOST = 3;
    static final int IDLE = 2;

    public static void main(String[] args) throws Exception {
        String name = PoolApp.name("hikari-lost");
        HikariDataSource ds = new HikariDataSource(Hikari.config(name, LOST + IDLE));
        PoolApp.KEEP.add(ds);
        Hikari.awaitIdle(ds, LOST + IDLE);
        for (int i = 0; i < LOST; i++) {
            Connection c = borrow(ds);
            c.createStatement().execute("SELECT 1");
            PoolApp.KEEP.add(c);
        }
        if (TestServers.terminateBackends(name) != LOST + IDLE) {
            throw new IllegalStateException("the server did not end the sessions of " + name);
        }
        PoolApp.awaitCloseWait(TestServers.PG_PORT, LOST + IDLE);
        PoolApp.readyThenServe();
    }

    static Connection borrow(HikariDataSource ds) throws SQLException {
        return ds.getConnection(); // BORROW-LOST
    }
}
