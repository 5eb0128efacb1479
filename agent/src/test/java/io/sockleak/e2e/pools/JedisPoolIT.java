package io.sockleak.e2e.pools;

import io.sockleak.e2e.pools.apps.JedisLeak;
import io.sockleak.e2e.pools.apps.JedisLoad;
import io.sockleak.e2e.pools.apps.JedisStale;
import io.sockleak.testing.MarkedLine;
import io.sockleak.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Jedis's JedisPool (commons-pool2) against a real Redis with {@code timeout 1} (scripts/test-servers). */
class JedisPoolIT {

    private static final String POOL = "commons-pool2";

    @TempDir
    Path work;

    @BeforeAll
    static void redis() {
        TestServers.requireRedis();
    }

    /** The apps set the server-wide timeout back themselves; a child killed half-way could not. */
    @AfterEach
    void noIdleTimeoutLeftBehind() {
        TestServers.redisTimeout(0);
    }

    @Test
    void idleConnectionsTheServerClosedAreStalePooledNeverLeaks() {
        Verdicts.noLeakAtEveryTrigger(work, JedisStale.class, report -> Verdicts.stale(report, POOL, 3));
    }

    @Test
    void borrowedNeverClosedAndPlainNeverClosedAreLeaksNamingTheirLines() {
        String borrow = MarkedLine.frame(JedisLeak.class, "borrow", "BORROW-LOST");
        String plain = MarkedLine.frame(JedisLeak.class, "main", "PLAIN-OPEN");
        try (PoolChild child = PoolChild.start(work, JedisLeak.class, "minCloseWait=0")) {
            List<String> states = new ArrayList<>(List.of("-", POOL + ":BORROWED", POOL + ":BORROWED",
                    POOL + ":IDLE", POOL + ":IDLE"));
            Collections.sort(states);
            assertEquals(states, child.pools(TestServers.REDIS_PORT), child.output());
            PoolReport dump = child.dump();
            Verdicts.borrowedNotReturned(dump, POOL, borrow, 2);
            Verdicts.unpooledLeaks(dump, plain, 1, "CLOSE_WAIT_AGED");
            assertEquals(3, dump.leaks().size(), dump.toString());
            Verdicts.stale(dump, POOL, 2);
            PoolReport shutdown = child.exit();
            Verdicts.borrowedNotReturned(shutdown, POOL, borrow, 2);
            Verdicts.unpooledLeaks(shutdown, plain, 1, "CLOSE_WAIT_AGED", "OPEN_AT_EXIT");
            assertEquals(3, shutdown.leaks().size(), shutdown.toString());
            Verdicts.stale(shutdown, POOL, 2);
        }
    }

    @Test
    void correctCodeUnderLoadHasNoLeakMidLoadAtIntervalsThresholdOrShutdown() {
        Verdicts.noLeakAtEveryTrigger(work, JedisLoad.class, report -> { });
    }
}
