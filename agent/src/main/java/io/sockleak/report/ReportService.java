package io.sockleak.report;

import io.sockleak.diagnose.Diagnoser;
import io.sockleak.diagnose.Diagnosis;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.KernelView;
import io.sockleak.report.model.AgentStatus;
import io.sockleak.report.model.BindFailure;
import io.sockleak.report.model.LeakReport;
import io.sockleak.report.model.ProcessInfo;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Produces reports: snapshot the registry and the kernel, correlate, build, write. Serialised, so
 * reports from different triggers never interleave. A report that cannot be written is kept and
 * retried on the next {@link #retryPending()}; the problem is told once per distinct cause.
 */
public final class ReportService {

    /** A finished report: the model, and where it went (null when it could not be written yet). */
    public record Written(LeakReport report, Path path) {
    }

    private final SocketTracker tracker;
    private final KernelView kernel;
    private final Diagnoser diagnoser;
    private final ReportBuilder builder;
    private volatile ReportWriter writer;
    private final Supplier<ProcessInfo> process;
    private final Supplier<AgentStatus> agentStatus;
    private final Supplier<List<BindFailure>> bindFailures;
    private final Console console;
    private Pending pending;
    private String lastWriteProblem;

    public ReportService(SocketTracker tracker, KernelView kernel, Diagnoser diagnoser, ReportWriter writer,
                         Supplier<ProcessInfo> process, Supplier<AgentStatus> agentStatus,
                         Supplier<List<BindFailure>> bindFailures, Console console) {
        this.tracker = tracker;
        this.kernel = kernel;
        this.diagnoser = diagnoser;
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

    /** Sends the next reports (and one still waiting to be written) to another folder: a re-attach with dir=. */
    public synchronized void redirect(ReportWriter newWriter) {
        writer = newWriter;
        lastWriteProblem = null;
    }

    /** Correlates without writing anything: for thresholds and the JMX counters. */
    public synchronized Diagnosis diagnose() {
        tracker.noticeCollected();
        return diagnoser.diagnose(tracker.liveRecords(), tracker.collectedRecords(), tracker.collectedTotal(),
                kernel.snapshot());
    }

    public synchronized Written report(Trigger trigger) {
        tracker.noticeCollected();
        long scanStart = System.nanoTime();
        KernelSnapshot snapshot = kernel.snapshot();
        long scanMillis = (System.nanoTime() - scanStart) / 1_000_000;
        List<SocketRecord> live = tracker.liveRecords();
        Diagnosis diagnosis = diagnoser.diagnose(live, tracker.collectedRecords(), tracker.collectedTotal(), snapshot);
        Instant now = Instant.now();
        LeakReport report = builder.build(trigger, now, process.get(), agentStatus.get(), snapshot, scanMillis,
                diagnosis, live, bindFailures.get());
        byte[] json = ReportJson.toBytes(report);
        try {
            Path path = writer.write(json, now, trigger.jsonName());
            pending = null;
            lastWriteProblem = null;
            return new Written(report, path);
        } catch (IOException | RuntimeException e) {
            pending = new Pending(json, now, trigger.jsonName());
            tellOnce("cannot write report to " + writer.dir() + ": " + describe(e) + "; will retry");
            return new Written(report, null);
        }
    }

    /** Writes the last report that could not be written, if any. */
    public synchronized Path retryPending() {
        if (pending == null) {
            return null;
        }
        try {
            Path path = writer.write(pending.json, pending.at, pending.trigger);
            pending = null;
            lastWriteProblem = null;
            console.line("report written after retry: " + path);
            return path;
        } catch (IOException | RuntimeException e) {
            tellOnce("cannot write report to " + writer.dir() + ": " + describe(e) + "; will retry");
            return null;
        }
    }

    private void tellOnce(String problem) {
        if (!problem.equals(lastWriteProblem)) {
            lastWriteProblem = problem;
            console.line(problem);
        }
    }

    private static String describe(Exception e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }

    private record Pending(byte[] json, Instant at, String trigger) {
    }
}
