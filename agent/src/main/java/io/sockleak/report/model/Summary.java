package io.sockleak.report.model;

/**
 * Counts. {@code trackedOpen}: tracked connections (not listeners) open now; {@code unaccepted}: all
 * listeners' unaccepted connections; the others: leaks of that kind.
 */
public record Summary(int trackedOpen, int closeWait, int unaccepted, int collectedOpen, int untracked) {

    public int leaks() {
        return closeWait + collectedOpen + untracked;
    }
}
