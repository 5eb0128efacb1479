package io.sockleak.report;

import io.sockleak.config.MemoryBudget;
import io.sockleak.support.Console;
import io.sockleak.diagnose.Correlator;
import io.sockleak.diagnose.Diagnoser;
import io.sockleak.diagnose.Diagnosis;
import io.sockleak.model.Evidence;
import io.sockleak.diagnose.LeakFinding;
import io.sockleak.kernel.KernelView;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.BindFailure;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ProcessInfo;
import io.sockleak.model.Trigger;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Produces reports: correlate ({@link Correlator}), build, write. Reports are serialised, so reports
 * from different triggers never interleave. Two locks: the diagnosis (registry and kernel next to each
 * other), which the JMX counters and scans take alone, and the writing ({@link ReportQueue}), which a
 * hung folder may hold for long. Reports that cannot be written are kept (the newest
 * {@value #MAX_PENDING}, within the memory budget's share) and written in order later. A report lists
 * at most the budget's number of entries, and only counts after an OutOfMemoryError
 * ({@link MemoryPressure}); its summary and sites always count everything.
 */
public final class ReportService {

    /** A finished report: the model, and where it went (null when it could not be written yet). */
    public record Written(LeakReport report, Path path) {
    }

    /** At most this many reports wait for a folder that cannot be written (and the budget's bytes). */
    static final int MAX_PENDING = 8;
    /** Never more than this is kept for retries, however large the heap. */
    static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;

    private final Correlator correlator;
    private final ReportBuilder builder;
    private final ReportQueue queue;
    private final Supplier<ProcessInfo> process;
    private final Supplier<AgentStatus> agentStatus;
    private final Supplier<List<BindFailure>> bindFailures;
    private final MemoryPressure pressure;
    private final int maxEntries;
    private final Object diagnosisLock = new Object();
    private final Object reportLock = new Object();

    public ReportService(SocketTracker tracker, KernelView kernel, Diagnoser diagnoser, ReportWriter writer,
                         Supplier<ProcessInfo> process, Supplier<AgentStatus> agentStatus,
                         Supplier<List<BindFailure>> bindFailures, Console console) {
        this(tracker, kernel, diagnoser, writer, process, agentStatus, bindFailures, console,
                MemoryBudget.ofThisJvm(), new MemoryPressure(console));
    }

    public ReportService(SocketTracker tracker, KernelView kernel, Diagnoser diagnoser, ReportWriter writer,
                         Supplier<ProcessInfo> process, Supplier<AgentStatus> agentStatus,
                         Supplier<List<BindFailure>> bindFailures, Console console, MemoryBudget budget,
                         MemoryPressure pressure) {
        this.correlator = new Correlator(tracker, kernel, diagnoser);
        this.builder = new ReportBuilder(tracker.sites());
        this.queue = new ReportQueue(writer, MAX_PENDING, Math.min(MAX_PENDING_BYTES, budget.maxPendingBytes()),
                console);
        this.process = process;
        this.agentStatus = agentStatus;
        this.bindFailures = bindFailures;
        this.pressure = pressure;
        this.maxEntries = budget.maxReportEntries();
    }

    public Path dir() {
        return queue.dir();
    }

    /** Sends the next reports (and those still waiting to be written) to another folder: a re-attach with dir=. */
    public void redirect(ReportWriter newWriter) {
        queue.redirect(newWriter);
    }

    /** Correlates without writing anything: for thresholds and the JMX counters. Never waits for a write. */
    public Diagnosis diagnose() {
        synchronized (diagnosisLock) {
            return correlator.correlate(false, false).diagnosis();
        }
    }

    public Written report(Trigger trigger) {
        synchronized (reportLock) {
            LeakReport report;
            Instant now = Instant.now();
            try {
                report = build(trigger, now, pressure.outOfMemory() ? 0 : maxEntries);
            } catch (OutOfMemoryError e) {
                pressure.outOfMemory("the " + trigger.jsonName() + " report");
                report = build(trigger, now, 0);
            }
            try {
                return new Written(report, queue.submit(report, now, trigger.jsonName()));
            } catch (OutOfMemoryError e) {
                pressure.outOfMemory("writing the " + trigger.jsonName() + " report");
                LeakReport counts = ReportCut.countsOnly(report);
                report = null;
                return new Written(counts, queue.submit(counts, now, trigger.jsonName()));
            }
        }
    }

    /** The report of this moment, listing at most {@code maxListed} leaks, stale connections and unaccepted ones. */
    private LeakReport build(Trigger trigger, Instant now, int maxListed) {
        boolean atExit = trigger == Trigger.SHUTDOWN;
        Correlator.Correlation c;
        synchronized (diagnosisLock) {
            c = correlator.correlate(true, atExit);
        }
        if (atExit && ExitSettle.awaitCloses(openAtExit(c.diagnosis()))) {
            synchronized (diagnosisLock) {
                c = correlator.correlate(true, true);
            }
        }
        LeakReport report = builder.build(trigger, now, process.get(), agentStatus, c.snapshot(),
                correlator.lastSnapshotMillis(), c.diagnosis(), c.live(), bindFailures.get(), maxListed);
        if (ReportCut.wasCut(report) && !pressure.outOfMemory()) {
            pressure.budgetReached("a report lists " + maxListed + " entries at most (a share of the heap);"
                    + " its summary and sites still count all, its notes say what was left out");
        }
        return report;
    }

    /** The records of the sockets that only being open at exit makes leaks: a server may still be closing them. */
    private static List<SocketRecord> openAtExit(Diagnosis diagnosis) {
        List<SocketRecord> records = new ArrayList<>();
        for (LeakFinding leak : diagnosis.leaks()) {
            if (leak.evidence() == Evidence.OPEN_AT_EXIT && leak.record() != null) {
                records.add(leak.record());
            }
        }
        return records;
    }

    /** How long the last read of the kernel's tables took, in ms. */
    public long lastSnapshotMillis() {
        return correlator.lastSnapshotMillis();
    }

    /** What the monitor spaces its scans by (see {@link Correlator#scanCostMillis()}). */
    public long scanCostMillis() {
        return correlator.scanCostMillis();
    }

    /** Where the kernel view reads the TCP tables: {@code netlink} (JDK 22+) or {@code proc}. */
    public String tableSource() {
        return correlator.tableSource();
    }

    /** Writes the reports that could not be written yet, oldest first; returns the last path written, or null. */
    public Path retryPending() {
        return queue.retryWaiting();
    }

    /** Reports waiting to be written (the folder was missing, not writable or full). */
    public int pendingCount() {
        return queue.pendingCount();
    }
}
