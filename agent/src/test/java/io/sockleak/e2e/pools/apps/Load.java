package io.sockleak.e2e.pools.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * Worker threads that repeat one unit of work with short random pauses (so some pooled connections
 * go idle long enough for the server to end them) until stopped or a deadline.
 */
final class Load {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    Load(String name, int workers, long maxMillis, IntConsumer work) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        for (int i = 0; i < workers; i++) {
            int worker = i;
            Thread t = new Thread(() -> {
                while (!stopped && System.nanoTime() < deadline) {
                    work.accept(worker);
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 20));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, name + "-worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Stops the workers and waits (bounded) for them to finish their current unit. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(10_000);
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop");
            }
        }
    }
}
