package io.sockleak.ports;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Bind failures handed to the worker and not yet explained, so that a report can wait to include them. */
final class BindsInFlight {

    private final AtomicInteger count = new AtomicInteger();
    private final Object done = new Object();

    void started() {
        count.incrementAndGet();
    }

    void finished() {
        count.decrementAndGet();
        synchronized (done) {
            done.notifyAll();
        }
    }

    /** Waits until none is in flight, at most {@code millis}. */
    void awaitNone(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (done) {
            while (count.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    done.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
