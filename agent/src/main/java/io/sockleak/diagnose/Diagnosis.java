package io.sockleak.diagnose;

import io.sockleak.model.Evidence;
import io.sockleak.model.LeakKind;
import java.util.List;

/**
 * What one correlation of the registry with the kernel's view found: the leaks, the stale pooled
 * connections, how many CLOSE_WAIT sockets were too young to judge, and how many connections of this
 * process the agent never saw opened ({@code untrackedOpen}, any state).
 */
public record Diagnosis(
        List<LeakFinding> leaks,
        List<StaleFinding> stalePooled,
        int young,
        List<ListenerFinding> listeners,
        int trackedOpen,
        long collectedTotal,
        int untrackedOpen) {

    public long count(LeakKind kind) {
        if (kind == LeakKind.COLLECTED_OPEN) {
            return collectedTotal;
        }
        return leaks.stream().filter(l -> l.kind() == kind).count();
    }

    /**
     * Leaks found now with this verdict ({@code evidence}); COLLECTED_OPEN counts since the agent
     * started, as {@link #count(LeakKind)} does, so that the verdicts add up to {@link #leakCount()}.
     */
    public long count(Evidence verdict) {
        if (verdict == Evidence.COLLECTED_OPEN) {
            return collectedTotal;
        }
        return leaks.stream().filter(l -> l.kind() != LeakKind.COLLECTED_OPEN && l.evidence() == verdict).count();
    }

    public int unaccepted() {
        return listeners.stream().mapToInt(l -> l.unaccepted().size()).sum();
    }

    public long leakCount() {
        return count(LeakKind.CLOSE_WAIT) + count(LeakKind.COLLECTED_OPEN) + count(LeakKind.UNTRACKED);
    }
}
