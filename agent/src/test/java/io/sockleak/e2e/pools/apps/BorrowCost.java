package io.sockleak.e2e.pools.apps;

import com.zaxxer.hikari.HikariDataSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

import java.sql.Connection;

/**
 * What a borrow-and-return costs, for comparing a run with the agent's pool hooks and one without:
 * {@code hikari} or {@code jedis}, then the number of borrows per round. One pooled connection, one
 * thread, no query (only the pool's own work and the hooks), 5 rounds: prints ns per borrow of each
 * round; the last rounds are the warmed-up figure.
 */
public final class BorrowCost {

    public static void main(String[] args) throws Exception {
        int borrows = Integer.parseInt(args[1]);
        if (args[0].equals("hikari")) {
            try (HikariDataSource ds = new HikariDataSource(Hikari.config(PoolApp.name("cost"), 1))) {
                Hikari.awaitIdle(ds, 1);
                for (int round = 0; round < 5; round++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < borrows; i++) {
                        try (Connection c = ds.getConnection()) {
                            c.getAutoCommit();
                        }
                    }
                    System.out.println("hikari ns/borrow " + (System.nanoTime() - start) / borrows);
                }
            }
        } else {
            try (JedisPool pool = Redis.pool(PoolApp.name("cost"))) {
                Redis.warm(pool, 1);
                for (int round = 0; round < 5; round++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < borrows; i++) {
                        try (Jedis jedis = pool.getResource()) {
                            jedis.getDB();
                        }
                    }
                    System.out.println("jedis ns/borrow " + (System.nanoTime() - start) / borrows);
                }
            }
        }
    }
}
