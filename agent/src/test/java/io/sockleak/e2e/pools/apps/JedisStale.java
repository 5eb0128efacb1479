package io.sockleak.e2e.pools.apps;

import redis.clients.jedis.JedisPool;

/**
 * Correct code, the false positive of issue 12: a JedisPool whose {@link #IDLE} idle connections
 * the server closes (redis {@code timeout 1}); the pool does not notice until it lends one again.
 * Expected: {@link #IDLE} stalePooled (pool "commons-pool2"), no leak. The pool stays open until exit.
 */
public final class JedisStale {

    static final int IDLE = 3;

    public static void main(String[] args) throws Exception {
        JedisPool pool = Redis.pool(PoolApp.name("jedis-stale"));
        PoolApp.KEEP.add(pool);
        Redis.warm(pool, IDLE);
        Redis.serverClosesIdle(IDLE);
        PoolApp.readyThenServe();
    }
}
