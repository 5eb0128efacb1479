package io.sockleak.e2e.pools;

import io.sockleak.e2e.pools.apps.Dbcp2Stale;
import io.sockleak.testing.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DBCP2's BasicDataSource (commons-pool2) against a real PostgreSQL that ends idle sessions. */
class Dbcp2PoolIT {

    private static final String POOL = "commons-pool2";

    @TempDir
    Path work;

    @BeforeAll
    static void postgres() {
        TestServers.requirePostgres();
    }

    @Test
    void theHooksSeeTheIdleConnections() {
        try (PoolChild child = PoolChild.start(work, Dbcp2Stale.class, "minCloseWait=0")) {
            assertEquals(Collections.nCopies(3, POOL + ":IDLE"), child.pools(TestServers.PG_PORT), child.output());
        }
    }

    @Test
    void idleConnectionsTheServerEndedAreStalePooledNeverLeaks() {
        Verdicts.noLeakAtEveryTrigger(work, Dbcp2Stale.class, report -> Verdicts.stale(report, POOL, 3));
    }
}
