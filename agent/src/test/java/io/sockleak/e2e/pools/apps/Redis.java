package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.TestServers;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A JedisPool (commons-pool2 underneath) against the test Redis, its clients named after the app. */
final class Redis {

    private Redis() {
    }

    /**
     * Jedis's own defaults, except that the idle evictor (every 30 s by default, it would PING idle
     * connections and drop the dead ones) waits 10 min: a scenario lasts seconds, and the state under
     * test is the one before the evictor's next run.
     */
    static JedisPool pool(String name) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setTimeBetweenEvictionRuns(Duration.ofMinutes(10));
        return new JedisPool(config, TestServers.HOST, TestServers.REDIS_PORT, 2000, null, 0, name);
    }

    /** Borrows {@code count} connections at once, uses and returns each: the pool then holds them idle. */
    static void warm(JedisPool pool, int count) {
        List<Jedis> borrowed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            borrowed.add(pool.getResource());
        }
        for (Jedis jedis : borrowed) {
            jedis.ping();
            jedis.close(); // back to the pool
        }
        if (pool.getNumIdle() != count) {
            throw new IllegalStateException("expected " + count + " idle, the pool has " + pool.getNumIdle());
        }
    }

    /**
     * Sets the server's idle timeout to 1 s (CONFIG SET timeout 1, the setting issue 12 met), waits
     * until the server closed {@code closeWait} of this process's connections, and sets it back to
     * 0 whatever happens: the setting is server-wide.
     */
    static void serverClosesIdle(int closeWait) throws InterruptedException {
        TestServers.redisTimeout(1);
        try {
            PoolApp.awaitCloseWait(TestServers.REDIS_PORT, closeWait);
        } finally {
            TestServers.redisTimeout(0);
        }
    }
}
