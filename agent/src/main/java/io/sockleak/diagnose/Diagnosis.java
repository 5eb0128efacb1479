package io.sockleak.diagnose;

import java.util.List;

/**
 * What one correlation of the registry with the kernel's view found: the leaks, the stale pooled
 * connections, and how many CLOSE_WAIT sockets were too young to judge.
 */
public record Diagnosis(
        List<LeakFinding> leaks,
        List<StaleFinding> stalePooled,
        int young,
        List<ListenerFinding> listeners,
        int trackedOpen,
        long collectedTotal) {

    public long count(LeakKind kind) {
        if (kind == LeakKind.COLLECTED_OPEN) {
            return collectedTotal;
        }
        return leaks.stream().filter(l -> l.kind() == kind).count();
    }

    public int unaccepted() {
        return listeners.stream().mapToInt(l -> l.unaccepted().size()).sum();
    }

    public long leakCount() {
        return count(LeakKind.CLOSE_WAIT) + count(LeakKind.COLLECTED_OPEN) + count(LeakKind.UNTRACKED);
    }
}
