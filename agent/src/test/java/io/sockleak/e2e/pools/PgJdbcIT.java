package io.sockleak.e2e.pools;

import io.sockleak.e2e.pools.apps.PgDataSourceCorrect;
import io.sockleak.e2e.pools.apps.PgDataSourceLeak;
import io.sockleak.e2e.pools.apps.PgDriverManagerCorrect;
import io.sockleak.e2e.pools.apps.PgDriverManagerLeak;
import io.sockleak.testing.MarkedLine;
import io.sockleak.testing.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** pgjdbc without a pool, against a real PostgreSQL that ends the sessions (scripts/test-servers). */
class PgJdbcIT {

    @TempDir
    Path work;

    @BeforeAll
    static void postgres() {
        TestServers.requirePostgres();
    }

    @Test
    void driverManagerConnectionNeverClosedIsALeakAtItsOpeningLine() {
        leaks(PgDriverManagerLeak.class, 1);
    }

    @Test
    void dataSourceConnectionsNeverClosedAreLeaksAtTheirOpeningLine() {
        leaks(PgDataSourceLeak.class, 2);
    }

    @Test
    void driverManagerInTryWithResourcesHasNoLeakAtAnyReport() {
        Verdicts.noLeakAtEveryTrigger(work, PgDriverManagerCorrect.class, Verdicts::noStale);
    }

    @Test
    void dataSourceInTryWithResourcesHasNoLeakAtAnyReport() {
        Verdicts.noLeakAtEveryTrigger(work, PgDataSourceCorrect.class, Verdicts::noStale);
    }

    /**
     * At the dump the socket has been in CLOSE_WAIT (minCloseWait=0 decides at first sight); at exit it
     * is still there, so either that or "open at exit" is the evidence. No pool, no borrow.
     */
    private void leaks(Class<?> app, int count) {
        String open = MarkedLine.frame(app, "open", "OPEN-LEAK");
        try (PoolChild child = PoolChild.start(work, app, "minCloseWait=0")) {
            assertEquals(List.of(), child.pools(TestServers.PG_PORT).stream().filter(s -> !s.equals("-")).toList(),
                    "no pool claims a plain pgjdbc connection");
            PoolReport dump = child.dump();
            Verdicts.unpooledLeaks(dump, open, count, "CLOSE_WAIT_AGED");
            assertEquals(count, dump.leaks().size(), dump.toString());
            Verdicts.noStale(dump);
            PoolReport shutdown = child.exit();
            Verdicts.unpooledLeaks(shutdown, open, count, "CLOSE_WAIT_AGED", "OPEN_AT_EXIT");
            assertEquals(count, shutdown.leaks().size(), shutdown.toString());
        }
    }
}
