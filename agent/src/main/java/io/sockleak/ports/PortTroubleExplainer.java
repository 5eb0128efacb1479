package io.sockleak.ports;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.support.Console;
import io.sockleak.model.Trigger;
import io.sockleak.model.BindFailure;
import io.sockleak.track.FailureHandler;
import io.sockleak.track.SocketTracker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Explains the two port troubles when they happen, with the kernel's evidence: "Address already in
 * use" on a bind ({@link AddressInUseExplainer}) and "Too many open files" in accept, connect or
 * socket creation ({@link OutOfDescriptorsReporter}). The failing thread only records what it knows
 * and hands the work to the "sockleak-failure-report" thread ({@link FailureWorker}). Nothing here
 * throws into the application or changes the exception it sees.
 */
public final class PortTroubleExplainer implements FailureHandler, AutoCloseable {

    static final int RESERVE = OutOfDescriptorsReporter.RESERVE;

    private final SocketTracker tracker;
    private final FailureWorker worker;
    private final AddressInUseExplainer addressInUse;
    private final OutOfDescriptorsReporter outOfDescriptors;

    /**
     * @param procRoot   where /proc is
     * @param stackDepth frames kept of the failed bind's stack (0: none)
     * @param gap        failureReportGap: the least time between two accept-failure reports, and between
     *                   two explanations of the same failing bind (0: no limit)
     */
    public PortTroubleExplainer(SocketTracker tracker, Path procRoot, int stackDepth, Duration gap, Console console) {
        long gapNanos = gap == null ? 0 : Math.max(0, gap.toNanos());
        this.tracker = tracker;
        this.worker = new FailureWorker(tracker::error);
        this.addressInUse = new AddressInUseExplainer(tracker, procRoot, stackDepth, gapNanos, console, worker);
        this.outOfDescriptors = new OutOfDescriptorsReporter(tracker, gapNanos, console, worker);
    }

    /** Starts the thread and takes the spare descriptors, while the process still has both to give. */
    public PortTroubleExplainer start() {
        worker.start();
        outOfDescriptors.start();
        return this;
    }

    /** Where accept-failure reports are written; until set, only the stderr line is. */
    public void reportWith(ReportOnDemand reporter) {
        outOfDescriptors.reportWith(reporter);
    }

    /** The last bind failures explained, oldest first: the reports' {@code bindFailures}. */
    public List<BindFailure> bindFailures() {
        return addressInUse.recent();
    }

    /** Spare descriptors currently held (for tests and status). */
    public int reservedDescriptors() {
        return outOfDescriptors.reservedDescriptors();
    }

    /**
     * Gives back the spare descriptors (the JVM is exiting and may need them), leaving the worker to
     * finish the explanations still queued: the shutdown report waits for them.
     */
    public void releaseReserve() {
        outOfDescriptors.close();
    }

    @Override
    public void close() {
        worker.close();
        outOfDescriptors.close();
    }

    @Override
    public void failed(Object socket, int operation, Object address, Throwable failure) {
        try {
            if (operation == SocketEvents.OP_BIND) {
                if (Errno.isAddressInUse(failure)) {
                    addressInUse.explain(socket, address, failure);
                }
            } else if (Errno.isOutOfDescriptors(failure)) {
                outOfDescriptors.report(socket, operation, failure);
            }
        } catch (Throwable t) {
            tracker.error(t);
        }
    }
}
