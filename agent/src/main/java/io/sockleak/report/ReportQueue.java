package io.sockleak.report;

import io.sockleak.support.Console;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes finished reports, in order: straight to their file (streamed), or, when the folder cannot be
 * written, kept serialised in memory (the newest {@code maxReports}, within {@code maxBytes}; a report
 * larger than that alone is dropped) and written oldest first on the next {@link #retryPending()} or
 * report. Each problem is told once. Its own lock: a write that hangs (a dead NFS server) holds this
 * queue only, never the diagnosis the JMX counters read.
 */
final class ReportQueue {

    private final PendingReports pending;
    private final int maxReports;
    private final long maxBytes;
    private final Console console;
    private volatile ReportWriter writer;
    private String lastWriteProblem;
    private boolean dropNoted;
    private boolean tooLargeNoted;

    ReportQueue(ReportWriter writer, int maxReports, long maxBytes, Console console) {
        this.writer = writer;
        this.maxReports = maxReports;
        this.maxBytes = maxBytes;
        this.pending = new PendingReports(maxReports, maxBytes);
        this.console = console;
    }

    Path dir() {
        return writer.dir();
    }

    synchronized void redirect(ReportWriter newWriter) {
        writer = newWriter;
        lastWriteProblem = null;
    }

    /** Writes {@code report} after those still waiting; returns its path, or null if it waits too (or was dropped). */
    synchronized Path submit(LeakReport report, Instant at, String trigger) {
        ReportWriter.Content content = out -> ReportJson.write(report, out);
        if (retryPending() != RetryResult.BLOCKED) {
            try {
                Path path = writer.write(content, at, trigger);
                recovered();
                return path;
            } catch (IOException | RuntimeException e) {
                tellWriteProblem(e);
            }
        }
        keep(content, at, trigger);
        return null;
    }

    private enum RetryResult { NOTHING_WAITING, ALL_WRITTEN, BLOCKED }

    private Path lastRetried;

    /** Writes the reports waiting, oldest first; returns the last path written, or null. */
    synchronized Path retryWaiting() {
        lastRetried = null;
        retryPending();
        return lastRetried;
    }

    private RetryResult retryPending() {
        if (pending.size() == 0) {
            return RetryResult.NOTHING_WAITING;
        }
        while (pending.size() > 0) {
            PendingReports.Pending next = pending.oldest();
            Path path;
            try {
                path = writer.write(next.json(), next.at(), next.trigger());
            } catch (IOException | RuntimeException e) {
                tellWriteProblem(e);
                return RetryResult.BLOCKED;
            }
            pending.removeOldest();
            lastRetried = path;
            console.line("report written after retry: " + path);
        }
        recovered();
        return RetryResult.ALL_WRITTEN;
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    private void keep(ReportWriter.Content content, Instant at, String trigger) {
        byte[] json;
        try {
            json = BoundedBytes.of(content, maxBytes);
        } catch (IOException | RuntimeException tooLarge) {
            if (!tooLargeNoted) {
                tooLargeNoted = true;
                console.line("a report that could not be written is larger than the " + maxBytes
                        + " bytes the agent may keep for a retry; dropped");
            }
            return;
        }
        if (pending.add(new PendingReports.Pending(json, at, trigger)) > 0 && !dropNoted) {
            dropNoted = true;
            console.line("keeping only the newest " + maxReports + " reports that could not be written;"
                    + " older ones are dropped");
        }
    }

    private void recovered() {
        lastWriteProblem = null;
        dropNoted = false;
        tooLargeNoted = false;
    }

    private void tellWriteProblem(Exception e) {
        String problem = "cannot write report to " + writer.dir() + ": " + ReportWriter.describe(e) + "; will retry";
        if (!problem.equals(lastWriteProblem)) {
            lastWriteProblem = problem;
            console.line(problem);
        }
    }
}
