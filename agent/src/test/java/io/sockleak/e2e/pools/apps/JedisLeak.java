package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.TestServers;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Leaking: {@link #LOST} connections borrowed from a JedisPool at the BORROW-LOST line and never
 * closed (so never returned), and one plain Jedis opened at the PLAIN-OPEN line and never closed;
 * {@link #IDLE} more stay idle in the pool. The server closes them all (redis {@code timeout 1}).
 * The borrowed ones were made earlier, by the warm-up: only the borrow names the guilty line.
 * Expected: {@link #LOST} leaks (BORROWED_NOT_RETURNED, pool "commons-pool2", frame and borrowStack =
 * BORROW-LOST), 1 leak (CLOSE_WAIT_AGED, no pool, frame = PLAIN-OPEN), {@link #IDLE} stalePooled.
 */
public final class JedisLeak {

    static final int LOST = 2;
    static final int IDLE = 2;

    public static void main(String[] args) throws Exception {
        JedisPool pool = Redis.pool(PoolApp.name("jedis-leak"));
        PoolApp.KEEP.add(pool);
        Redis.warm(pool, LOST + IDLE);
        for (int i = 0; i < LOST; i++) {
            Jedis lost = borrow(pool);
            lost.ping();
            PoolApp.KEEP.add(lost);
        }
        Jedis plain = new Jedis(TestServers.HOST, TestServers.REDIS_PORT);
        plain.ping(); // PLAIN-OPEN (Jedis connects on its first command, not in its constructor)
        PoolApp.KEEP.add(plain);
        Redis.serverClosesIdle(LOST + IDLE + 1);
        PoolApp.readyThenServe();
    }

    static Jedis borrow(JedisPool pool) {
        return pool.getResource(); // BORROW-LOST
    }
}
