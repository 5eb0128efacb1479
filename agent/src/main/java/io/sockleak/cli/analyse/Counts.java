package io.sockleak.cli.analyse;

import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.Summary;

/**
 * A report's counts; {@code leaks} is closeWait + collectedOpen + untracked. {@code stalePooled} (idle pooled
 * connections the peer closed) and {@code young} (CLOSE_WAIT too briefly to judge) are NOT leaks and are not
 * in {@code leaks}.
 */
public record Counts(int leaks, int closeWait, int unaccepted, int collectedOpen, int untracked, int trackedOpen,
                     int stalePooled, int young) {

    public static Counts of(LeakReport report) {
        Summary summary = report.summary();
        if (summary != null) {
            return new Counts(summary.leaks(), summary.closeWait(), summary.unaccepted(), summary.collectedOpen(),
                    summary.untracked(), summary.trackedOpen(), summary.stalePooled(), summary.young());
        }
        // A report without a summary block: count what the lists hold rather than claim zero.
        int closeWait = countKind(report, LeakKinds.CLOSE_WAIT);
        int collectedOpen = countKind(report, LeakKinds.COLLECTED_OPEN);
        int untracked = countKind(report, LeakKinds.UNTRACKED);
        int unaccepted = report.listeners().stream().mapToInt(l -> unacceptedOf(l)).sum();
        return new Counts(closeWait + collectedOpen + untracked, closeWait, unaccepted, collectedOpen, untracked, 0,
                report.stalePooled().size(), 0);
    }

    private static int countKind(LeakReport report, String kind) {
        int count = 0;
        for (Leak leak : report.leaks()) {
            if (kind.equals(LeakKinds.of(leak))) {
                count++;
            }
        }
        return count;
    }

    private static int unacceptedOf(ListenerEntry listener) {
        return Math.max(listener.acceptQueue(), listener.unaccepted().size());
    }
}
