package io.sockleak.diagnose;

import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.KernelView;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;

import java.util.List;

/**
 * Puts the registry next to the kernel: collected sockets, the inodes of live ones, a snapshot of
 * /proc, then the diagnosis. The records are taken before the snapshot (see {@link RecordInodes}):
 * their inodes spare most of /proc/self/fd's links. Not thread-safe: its caller serialises.
 */
public final class Correlator {

    /** What one look saw and concluded. */
    public record Correlation(KernelSnapshot snapshot, List<SocketRecord> live, Diagnosis diagnosis) {
    }

    private final SocketTracker tracker;
    private final KernelView kernel;
    private final Diagnoser diagnoser;
    private volatile long lastSnapshotMillis;
    private volatile long scanCostMillis;
    private boolean warm;

    public Correlator(SocketTracker tracker, KernelView kernel, Diagnoser diagnoser) {
        this.tracker = tracker;
        this.kernel = kernel;
        this.diagnoser = diagnoser;
    }

    /**
     * @param countDescriptors whether to count this process's descriptors (reports do, quick looks don't)
     * @param atExit           the shutdown report, which runs after every shutdown hook of the application
     */
    public Correlation correlate(boolean countDescriptors, boolean atExit) {
        tracker.noticeCollected();
        RecordInodes known = new RecordInodes(tracker.liveRecords());
        long start = System.nanoTime();
        KernelSnapshot snapshot = kernel.snapshot(known, countDescriptors);
        lastSnapshotMillis = (System.nanoTime() - start) / 1_000_000;
        // The first look pays once for class loading, JIT and opening the table source (netlink's module
        // layer and native links: ~100 ms on JDK 25); spacing the scans by it would put the next one
        // 200 times further away (20 s) and starve CLOSE_WAIT ages and the threshold.
        if (warm) {
            scanCostMillis = lastSnapshotMillis;
        }
        warm = true;
        known.learnFrom(snapshot);
        List<SocketRecord> live = known.withRecordsOpenedSince(tracker.liveRecords());
        Diagnosis diagnosis = diagnoser.diagnose(live, tracker.collectedRecords(), tracker.collectedTotal(), snapshot,
                atExit);
        return new Correlation(snapshot, live, diagnosis);
    }

    /** How long the last read of the kernel's tables took, in ms (a report's {@code kernel.scanMillis}). */
    public long lastSnapshotMillis() {
        return lastSnapshotMillis;
    }

    /** What the monitor spaces its scans by: the last read's time, the first (one-time costs) excepted. */
    public long scanCostMillis() {
        return scanCostMillis;
    }

    /** Where the kernel view reads the TCP tables: {@code netlink} (JDK 22+) or {@code proc}. */
    public String tableSource() {
        return kernel.tableSource();
    }
}
