package io.sockleak.ports;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.kernel.Endpoint;
import io.sockleak.support.Console;
import io.sockleak.model.ReportJson;
import io.sockleak.model.Trigger;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports "Too many open files" (EMFILE/ENFILE in accept, connect or socket creation): a report with
 * trigger {@code accept-failure}, at most one per gap, and one stderr line. With no descriptor left a
 * report could not even open /proc, so {@value #RESERVE} spare descriptors are held from the start and
 * freed for the report only. The failing thread waits for the report at most
 * {@value #REPORT_WAIT_MILLIS} ms (once per gap), so that a retrying acceptor does not take the freed
 * descriptors before the report has read /proc and written its file.
 */
final class OutOfDescriptorsReporter implements AutoCloseable {

    static final int RESERVE = 3;
    /**
     * Longer than the wait after a bind, because a retrying acceptor would otherwise take the
     * descriptors freed for the report, and it can accept nothing meanwhile anyway.
     */
    static final long REPORT_WAIT_MILLIS = 1000;
    private static final long REFILL_RETRY_MILLIS = 1000;
    /**
     * When the JSON serializers are built, ahead of the first report: the first serialization in a JVM
     * costs 0.5-2 s (Jackson's set-up), which this report must not spend while its descriptors are
     * freed and a retrying acceptor may take them.
     */
    private static final long WARM_UP_DELAY_MILLIS = 2000;
    private static final long NEVER = Long.MIN_VALUE;

    private final SocketTracker tracker;
    private final long gapNanos;
    private final Console console;
    private final FailureWorker worker;
    private final DescriptorReserve reserve = new DescriptorReserve(RESERVE);
    private final AtomicBoolean reportRunning = new AtomicBoolean();
    private final AtomicLong lastReportNanos = new AtomicLong(NEVER);
    private final AtomicInteger failuresNotReported = new AtomicInteger();
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    private volatile ReportOnDemand reporter;

    /** @param gapNanos the least time between two reports (0: no limit) */
    OutOfDescriptorsReporter(SocketTracker tracker, long gapNanos, Console console, FailureWorker worker) {
        this.tracker = tracker;
        this.gapNanos = gapNanos;
        this.console = console;
        this.worker = worker;
    }

    /** Takes the spare descriptors while the process still has them to give. */
    void start() {
        int held = reserve.refill();
        worker.schedule(ReportJson::warmUp, WARM_UP_DELAY_MILLIS);
        if (held < RESERVE) {
            console.line("only " + held + " of " + RESERVE + " spare descriptors could be reserved:"
                    + " a report on \"Too many open files\" may not be written");
        }
    }

    /** Where the reports are written; until set, only the stderr line is. */
    void reportWith(ReportOnDemand reporter) {
        this.reporter = reporter;
    }

    int reservedDescriptors() {
        return reserve.held();
    }

    /** On the thread whose accept, connect or socket creation failed. */
    void report(Object socket, int operation, Throwable failure) {
        long now = System.nanoTime();
        long last = lastReportNanos.get();
        boolean tooSoon = last != NEVER && gapNanos > 0 && now - last < gapNanos;
        if (tooSoon || !reportRunning.compareAndSet(false, true)) {
            failuresNotReported.incrementAndGet();
            return;
        }
        lastReportNanos.set(now);
        String what = operationName(operation);
        String message = failure.getMessage();
        boolean systemWide = Errno.isSystemWide(failure);
        worker.runAndWait(() -> reportOnWorker(socket, what, message, systemWide),
                () -> reportRunning.set(false), REPORT_WAIT_MILLIS);
    }

    @Override
    public void close() {
        reserve.release();
    }

    private void reportOnWorker(Object socket, String what, String message, boolean systemWide) {
        String where = socket == null ? "" : localOf(socket);
        int notReported = failuresNotReported.getAndSet(0);
        ReportOnDemand target = reporter;
        ReportOnDemand.Written written = null;
        String problem = null;
        reserve.release();
        try {
            if (target != null) {
                written = target.report(Trigger.ACCEPT_FAILURE);
            }
        } catch (Throwable t) {
            tracker.error(t);
            problem = t.toString();
        } finally {
            if (reserve.refill() < RESERVE) {
                scheduleRefill();
            }
        }
        console.line(OutOfDescriptorsLine.of(what + where, message, systemWide, written, problem, notReported));
    }

    private String localOf(Object socket) {
        for (SocketRecord r : tracker.liveRecords()) {
            if (r.refersTo(socket)) {
                if (r.localAddress() != null) {
                    return " on " + Endpoint.of(r.localAddress(), r.localPort());
                }
                return r.localPort() > 0 ? " on port " + r.localPort() : "";
            }
        }
        return "";
    }

    private static String operationName(int operation) {
        return switch (operation) {
            case SocketEvents.OP_ACCEPT -> "accept";
            case SocketEvents.OP_CONNECT -> "connect";
            case SocketEvents.OP_CREATE -> "socket creation";
            default -> "socket operation";
        };
    }

    private void scheduleRefill() {
        if (refillScheduled.compareAndSet(false, true)) {
            boolean scheduled = worker.schedule(() -> {
                refillScheduled.set(false);
                if (reserve.refill() < RESERVE) {
                    scheduleRefill();
                }
            }, REFILL_RETRY_MILLIS);
            if (!scheduled) {
                refillScheduled.set(false);
            }
        }
    }
}
