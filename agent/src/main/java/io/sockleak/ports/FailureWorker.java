package io.sockleak.ports;

import io.sockleak.support.DaemonThreads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one "sockleak-failure-report" daemon thread that does the work of a failed bind, accept or
 * connect off the application's thread. At most {@value #MAX_QUEUED} tasks wait for it; a task that
 * throws is handed to the agent's error count, never to the application.
 */
final class FailureWorker implements AutoCloseable {

    private static final int MAX_QUEUED = 32;

    private final Consumer<Throwable> errors;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile Thread thread;

    FailureWorker(Consumer<Throwable> errors) {
        this.errors = errors;
        this.executor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("sockleak-failure-report"));
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts the thread now, while the process still has one to give. */
    void start() {
        executor.prestartCoreThread();
    }

    /** Whether the caller is this worker (which must not wait for its own tasks). */
    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} and then {@code afterwards} on the worker and waits for both at most
     * {@code waitMillis}. When the task cannot be queued, only {@code afterwards} runs, on this thread.
     */
    void runAndWait(Runnable task, Runnable afterwards, long waitMillis) {
        CountDownLatch done = new CountDownLatch(1);
        boolean submitted = submit(() -> {
            try {
                task.run();
            } finally {
                afterwards.run();
                done.countDown();
            }
        });
        if (submitted) {
            await(done, waitMillis);
        } else {
            afterwards.run();
        }
    }

    /** Runs {@code task} once after {@code delayMillis}; false if the worker is closed. */
    boolean schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RuntimeException shutDown) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private boolean submit(Runnable task) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return false; // a burst of failures: the queued ones will tell the story
        }
        try {
            executor.execute(() -> {
                thread = Thread.currentThread();
                queued.decrementAndGet();
                try {
                    task.run();
                } catch (Throwable t) {
                    errors.accept(t);
                }
            });
            return true;
        } catch (RuntimeException shutDown) {
            queued.decrementAndGet();
            return false;
        }
    }

    private static void await(CountDownLatch done, long millis) {
        try {
            done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
