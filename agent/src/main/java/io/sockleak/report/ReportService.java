package io.sockleak.report;

import io.sockleak.support.Console;
import io.sockleak.diagnose.Correlator;
import io.sockleak.diagnose.Diagnoser;
import io.sockleak.diagnose.Diagnosis;
import io.sockleak.model.Evidence;
import io.sockleak.diagnose.LeakFinding;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.KernelView;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.BindFailure;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ProcessInfo;
import io.sockleak.model.ReportJson;
import io.sockleak.model.Trigger;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Produces reports: correlate ({@link Correlator}), build, write. Serialised, so
 * reports from different triggers never interleave. Reports that cannot be written are kept (the
 * newest {@value #MAX_PENDING}, within {@value #MAX_PENDING_BYTES} bytes) and written in order on the
 * next {@link #retryPending()} or report; the problem is told once per distinct cause.
 */
public final class ReportService {

    /** A finished report: the model, and where it went (null when it could not be written yet). */
    public record Written(LeakReport report, Path path) {
    }

    /** At most this many reports wait for a folder that cannot be written (and {@link #MAX_PENDING_BYTES}). */
    static final int MAX_PENDING = 8;
    static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;

    private final Correlator correlator;
    private final ReportBuilder builder;
    private volatile ReportWriter writer;
    private final Supplier<ProcessInfo> process;
    private final Supplier<AgentStatus> agentStatus;
    private final Supplier<List<BindFailure>> bindFailures;
    private final Console console;
    private final PendingReports pending = new PendingReports(MAX_PENDING, MAX_PENDING_BYTES);
    private String lastWriteProblem;
    private boolean dropNoted;

    public ReportService(SocketTracker tracker, KernelView kernel, Diagnoser diagnoser, ReportWriter writer,
                         Supplier<ProcessInfo> process, Supplier<AgentStatus> agentStatus,
                         Supplier<List<BindFailure>> bindFailures, Console console) {
        this.correlator = new Correlator(tracker, kernel, diagnoser);
        this.builder = new ReportBuilder(tracker.sites());
        this.writer = writer;
        this.process = process;
        this.agentStatus = agentStatus;
        this.bindFailures = bindFailures;
        this.console = console;
    }

    public Path dir() {
        return writer.dir();
    }

    /** Sends the next reports (and those still waiting to be written) to another folder: a re-attach with dir=. */
    public synchronized void redirect(ReportWriter newWriter) {
        writer = newWriter;
        lastWriteProblem = null;
    }

    /** Correlates without writing anything: for thresholds and the JMX counters. */
    public synchronized Diagnosis diagnose() {
        return correlator.correlate(false, false).diagnosis();
    }

    public synchronized Written report(Trigger trigger) {
        boolean atExit = trigger == Trigger.SHUTDOWN;
        Correlator.Correlation c = correlator.correlate(true, atExit);
        if (atExit && ExitSettle.awaitCloses(openAtExit(c.diagnosis()))) {
            c = correlator.correlate(true, true);
        }
        Diagnosis diagnosis = c.diagnosis();
        List<SocketRecord> live = c.live();
        KernelSnapshot snapshot = c.snapshot();
        long scanMillis = correlator.lastSnapshotMillis();
        Instant now = Instant.now();
        LeakReport report = builder.build(trigger, now, process.get(), agentStatus, snapshot, scanMillis,
                diagnosis, live, bindFailures.get());
        PendingReports.Pending fresh = new PendingReports.Pending(ReportJson.toBytes(report), now, trigger.jsonName());
        if (pending.add(fresh) > 0 && !dropNoted) {
            dropNoted = true;
            console.line("keeping only the newest " + MAX_PENDING + " reports that could not be written;"
                    + " older ones are dropped");
        }
        return new Written(report, writeQueued(fresh, false));
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

    /** How long the last read of /proc took, in ms: what the monitor spaces its scans by. */
    public long lastSnapshotMillis() {
        return correlator.lastSnapshotMillis();
    }

    /** Where the kernel view reads the TCP tables: {@code netlink} (JDK 22+) or {@code proc}. */
    public String tableSource() {
        return correlator.tableSource();
    }

    /** Writes the reports that could not be written yet, oldest first; returns the last path written, or null. */
    public synchronized Path retryPending() {
        Path last = null;
        int before = pending.size();
        for (int i = 0; i < before && pending.size() > 0; i++) {
            PendingReports.Pending next = pending.oldest();
            Path path = writeQueued(next, true);
            if (path == null) {
                break;
            }
            last = path;
        }
        return last;
    }

    /** Reports waiting to be written (the folder was missing, not writable or full). */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * Writes the queue in order up to and including {@code target}; stops at the first failure, told
     * once per distinct problem. Returns where {@code target} went, or null if it is still queued.
     * {@code retry}: whether {@code target} itself failed before.
     */
    private Path writeQueued(PendingReports.Pending target, boolean retry) {
        while (pending.contains(target)) {
            PendingReports.Pending next = pending.oldest();
            Path path;
            try {
                path = writer.write(next.json(), next.at(), next.trigger());
            } catch (IOException | RuntimeException e) {
                tellOnce("cannot write report to " + writer.dir() + ": " + ReportWriter.describe(e) + "; will retry");
                return null;
            }
            pending.removeOldest();
            if (next != target || retry) {
                console.line("report written after retry: " + path);
            }
            if (next == target) {
                if (pending.size() == 0) {
                    lastWriteProblem = null;
                    dropNoted = false;
                }
                return path;
            }
        }
        return null;
    }

    private void tellOnce(String problem) {
        if (!problem.equals(lastWriteProblem)) {
            lastWriteProblem = problem;
            console.line(problem);
        }
    }
}
