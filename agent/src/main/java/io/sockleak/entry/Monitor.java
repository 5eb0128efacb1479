package io.sockleak.entry;

import io.sockleak.report.MemoryPressure;
import io.sockleak.report.ReportService;
import io.sockleak.support.DaemonThreads;
import io.sockleak.support.Console;
import io.sockleak.diagnose.Diagnosis;
import io.sockleak.model.Trigger;
import io.sockleak.track.SocketTracker;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one background thread ("sockleak-monitor"): notices collected sockets, interns the
 * stacks of long-lived ones, scans the kernel for CLOSE_WAIT ages and the leak threshold, writes
 * interval reports and retries reports that could not be written.
 */
public final class Monitor {

    private static final long HOUSEKEEPING_MILLIS = 1000;
    private static final long INTERN_AFTER_MILLIS = 2000;
    private static final long THRESHOLD_SCAN_MILLIS = 2000;
    private static final long FIRST_SCAN_MILLIS = 1000;
    /**
     * A scan reads every row of the namespace's TCP tables (100,000s of TIME_WAIT rows under heavy
     * connection churn, ~2 ms per 1,000): the next one waits at least this many times as long as the
     * last one's read of /proc took, which keeps scanning under 0.5 % of one core...
     */
    static final long SCAN_COST_MULTIPLE = 200;
    /** ...but never longer than this, so that CLOSE_WAIT ages and the threshold stay fresh. */
    static final long MAX_SCAN_DELAY_MILLIS = 10 * 60 * 1000;

    private final ScheduledThreadPoolExecutor executor = singleThread();
    private final SocketTracker tracker;
    private final ReportService reports;
    private final Console console;
    private final MemoryPressure pressure;
    private final Runnable memoryWatch;
    private boolean thresholdFired;

    /** {@code memoryWatch}: run every second, tells {@code pressure} when the memory budget was reached. */
    public Monitor(SocketTracker tracker, ReportService reports, Console console, MemoryPressure pressure,
                   Runnable memoryWatch) {
        this.tracker = tracker;
        this.reports = reports;
        this.console = console;
        this.pressure = pressure;
        this.memoryWatch = memoryWatch;
    }

    public Monitor(SocketTracker tracker, ReportService reports, Console console) {
        this(tracker, reports, console, new MemoryPressure(console), () -> { });
    }

    public void start(Duration interval, Duration scanInterval, int threshold) {
        executor.scheduleWithFixedDelay(guarded(this::housekeeping), HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS,
                TimeUnit.MILLISECONDS);
        if (!scanInterval.isZero() || threshold > 0) {
            long every = scanInterval.isZero() ? THRESHOLD_SCAN_MILLIS : scanInterval.toMillis();
            if (threshold > 0) {
                every = Math.min(every, THRESHOLD_SCAN_MILLIS);
            }
            scheduleScan(Math.min(every, FIRST_SCAN_MILLIS), every, threshold);
        }
        if (!interval.isZero()) {
            long every = interval.toMillis();
            executor.scheduleWithFixedDelay(guarded(() -> {
                ReportService.Written written = reports.report(Trigger.INTERVAL);
                checkThreshold(written.report().summary().leaks(), threshold); // an interval report is a look too
            }), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops without cutting a report in progress short: waits up to {@code wait} for the running task,
     * then interrupts it. The thread has ended when this returns true.
     */
    public boolean stop(Duration wait) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            executor.shutdownNow();
            return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void housekeeping() {
        memoryWatch.run();
        tracker.noticeCollected();
        tracker.internStacks(INTERN_AFTER_MILLIS);
        reports.retryPending();
    }

    /** One thread; a scan scheduled for later does not hold up {@link #stop(Duration)}. */
    private static ScheduledThreadPoolExecutor singleThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("sockleak-monitor"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    private void scheduleScan(long delayMillis, long everyMillis, int threshold) {
        try {
            executor.schedule(guarded(() -> {
                try {
                    scan(threshold);
                } finally {
                    scheduleScan(nextScanDelay(everyMillis, reports.scanCostMillis()), everyMillis, threshold);
                }
            }), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the monitor is stopping
        }
    }

    public static long nextScanDelay(long everyMillis, long lastSnapshotMillis) {
        return Math.max(everyMillis, Math.min(lastSnapshotMillis * SCAN_COST_MULTIPLE, MAX_SCAN_DELAY_MILLIS));
    }

    private void scan(int threshold) {
        Diagnosis diagnosis = reports.diagnose();
        checkThreshold(diagnosis.leakCount(), threshold);
    }

    /** Writes a threshold report when the leaks reach {@code threshold}, once until they drop below it. */
    private void checkThreshold(long leaks, int threshold) {
        if (threshold <= 0) {
            return;
        }
        boolean reached = leaks >= threshold;
        if (reached && !thresholdFired) {
            ReportService.Written written = reports.report(Trigger.THRESHOLD);
            if (written.path() != null) {
                console.line(leaks + " leaks reached threshold " + threshold + ": " + written.path());
            }
        }
        thresholdFired = reached;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (OutOfMemoryError e) {
                pressure.outOfMemory("the sockleak-monitor thread");
                tracker.error(e);
            } catch (Throwable t) {
                tracker.error(t);
            }
        };
    }
}
