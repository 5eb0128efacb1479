package io.sockleak.e2e.pools;

import io.sockleak.e2e.pools.apps.HikariBorrowedLost;
import io.sockleak.e2e.pools.apps.HikariLoad;
import io.sockleak.e2e.pools.apps.HikariStale;
import io.sockleak.testing.MarkedLine;
import io.sockleak.testing.Poll;
import io.sockleak.testing.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HikariCP on pgjdbc against a real PostgreSQL (scripts/test-servers): issue 12's pool cases. */
class HikariPoolIT {

    private static final String POOL = "HikariCP";

    @TempDir
    Path work;

    @BeforeAll
    static void postgres() {
        TestServers.requirePostgres();
    }

    @Test
    void idleConnectionsTheServerEndedAreStalePooledNeverLeaks() {
        Verdicts.noLeakAtEveryTrigger(work, HikariStale.class, report -> Verdicts.stale(report, POOL, 3));
    }

    @Test
    void theHooksSeeWhichConnectionsAreLentAndWhichIdle() {
        try (PoolChild child = PoolChild.start(work, HikariBorrowedLost.class, "minCloseWait=0")) {
            assertEquals(states("HikariCP:BORROWED", 3, "HikariCP:IDLE", 2), child.pools(TestServers.PG_PORT),
                    child.output());
        }
    }

    @Test
    void connectionsBorrowedAndNeverReturnedAreLeaksNamingTheBorrowingLine() {
        String borrow = MarkedLine.frame(HikariBorrowedLost.class, "borrow", "BORROW-LOST");
        try (PoolChild child = PoolChild.start(work, HikariBorrowedLost.class,
                "minCloseWait=0,threshold=1,scanInterval=100ms")) {
            PoolReport dump = child.dump();
            Verdicts.borrowedNotReturned(dump, POOL, borrow, 3);
            assertEquals(3, dump.leaks().size(), "only the lost ones leak: " + dump);
            Verdicts.stale(dump, POOL, 2);
            PoolReport fired = child.awaitNew("threshold", 0, 1).get(0);
            Verdicts.borrowedNotReturned(fired, POOL, borrow, 3);
            PoolReport shutdown = child.exit();
            Verdicts.borrowedNotReturned(shutdown, POOL, borrow, 3);
            assertEquals(3, shutdown.leaks().size(), "idle pooled connections are no leak at exit: " + shutdown);
            Verdicts.stale(shutdown, POOL, 2);
        }
    }

    /**
     * The default rule with a short age: a lost connection in CLOSE_WAIT is young (counted, not listed)
     * until it has been seen in CLOSE_WAIT for minCloseWait, then a leak. Scans are off, so only the
     * dumps look.
     */
    @Test
    void aLostConnectionIsYoungUntilItHasBeenInCloseWaitForMinCloseWait() {
        String borrow = MarkedLine.frame(HikariBorrowedLost.class, "borrow", "BORROW-LOST");
        try (PoolChild child = PoolChild.start(work, HikariBorrowedLost.class, "minCloseWait=2s,scanInterval=0")) {
            long firstLook = System.nanoTime();
            PoolReport first = child.dump();
            assertEquals(List.of(), first.leaks(), "first sight decides nothing with minCloseWait=2s: " + first);
            assertTrue(first.summary("young") >= 3, "the lost ones are young: " + first);
            PoolReport[] aged = new PoolReport[1];
            Poll.until("the lost connections to become leaks", Duration.ofSeconds(20), () -> {
                aged[0] = child.dump();
                return !aged[0].leaks().isEmpty();
            });
            assertTrue(System.nanoTime() - firstLook >= Duration.ofSeconds(2).toNanos(),
                    "leaks before minCloseWait passed: " + aged[0]);
            Verdicts.borrowedNotReturned(aged[0], POOL, borrow, 3);
        }
    }

    @Test
    void correctCodeUnderLoadHasNoLeakMidLoadAtIntervalsThresholdOrShutdown() {
        Verdicts.noLeakAtEveryTrigger(work, HikariLoad.class, report -> { });
    }

    static List<String> states(String a, int na, String b, int nb) {
        List<String> out = new java.util.ArrayList<>(Collections.nCopies(na, a));
        out.addAll(Collections.nCopies(nb, b));
        Collections.sort(out);
        return out;
    }
}
