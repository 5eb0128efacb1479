package io.sockleak.report.model;

/**
 * Counts. {@code trackedOpen}: tracked connections (not listeners) open now; {@code unaccepted}: all
 * listeners' unaccepted connections; {@code closeWait}, {@code collectedOpen}, {@code untracked}: leaks
 * of that kind; {@code stalePooled}: idle pooled connections the peer closed (not leaks); {@code young}:
 * CLOSE_WAIT sockets younger than minCloseWait that nothing else proves (not leaks).
 */
public record Summary(int trackedOpen, int closeWait, int unaccepted, int collectedOpen, int untracked,
                      int stalePooled, int young) {

    public int leaks() {
        return closeWait + collectedOpen + untracked;
    }
}
