package io.sockleak.e2e.pools.apps;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Correct code under load: {@link #WORKERS} threads borrow from a JedisPool with try-with-resources
 * (close returns the connection, or destroys it when it broke) while the server closes clients idle
 * for 1 s, so a connection left idle that long is closed by the server and replaced when next lent. On
 * {@code exit} the workers stop and the pool is closed. Expected: no leak at any report. Load lasts
 * at most {@link #MAX_MILLIS}; the server's timeout is set back to 0 at the end.
 */
public final class JedisLoad {

    static final int WORKERS = 3;
    static final long MAX_MILLIS = 60_000;

    public static void main(String[] args) throws Exception {
        AtomicLong commands = new AtomicLong();
        AtomicLong broken = new AtomicLong();
        String name = PoolApp.name("jedis-load");
        io.sockleak.testing.TestServers.redisTimeout(1);
        try (JedisPool pool = Redis.pool(name)) {
            Load load = new Load("jedis", WORKERS, MAX_MILLIS, worker -> {
                try (Jedis jedis = pool.getResource()) {
                    jedis.incr(name + ":" + worker);
                    commands.incrementAndGet();
                } catch (JedisConnectionException e) {
                    broken.incrementAndGet(); // the server closed it while idle: close() above destroyed it
                }
            });
            PoolApp.await("100 commands", () -> commands.get() >= 100);
            PoolApp.readyThenServe();
            load.stop();
        } finally {
            io.sockleak.testing.TestServers.redisTimeout(0);
        }
        System.out.println("commands " + commands.get() + " broken " + broken.get());
    }
}
