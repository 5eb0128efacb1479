package io.sockleak.model;

/**
 * Counts. {@code trackedOpen}: tracked connections (not listeners) open now; {@code unaccepted}: all
 * listeners' unaccepted connections; {@code closeWait}, {@code collectedOpen}, {@code untracked}: leaks
 * of that kind; {@code stalePooled}: idle pooled connections the peer closed (not leaks); {@code young}:
 * CLOSE_WAIT sockets younger than minCloseWait that nothing else proves (not leaks); {@code untrackedOpen}:
 * this process's TCP connections (not listeners) in the kernel's view, in any state, that the agent never
 * saw opened (a native transport it does not hook, or opened before the agent started).
 */
public record Summary(int trackedOpen, int closeWait, int unaccepted, int collectedOpen, int untracked,
                      int stalePooled, int young, int untrackedOpen) {

    public int leaks() {
        return closeWait + collectedOpen + untracked;
    }
}
