package io.sockleak.diagnose;

import io.sockleak.kernel.TcpRow;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers when each connection waiting in one of this process's accept queues was first seen there,
 * across looks, so that a connection is called never accepted only once it has waited, not because a
 * look caught it in the milliseconds between the handshake and a busy server's accept(). A queued
 * connection has no inode yet: it is known by its two addresses. Forgets what left the queue.
 */
final class AcceptQueueClock {

    /**
     * Connections remembered at most. Past it (a SYN flood on one of our ports fills the queues with
     * half-open rows) the rest are not remembered, so not called never accepted until room frees up:
     * the listener's acceptQueue still shows the flood.
     */
    static final int MAX_REMEMBERED = 4096;

    private final Map<TcpRow.Connection, Long> firstSeenByConnection = new HashMap<>();

    /**
     * Records this look's queued connections (every listener's) at {@code takenAtMillis} and forgets
     * the others; returns, per connection, when it was first seen queued (absent past the cap).
     */
    synchronized Map<TcpRow.Connection, Long> observe(Iterable<TcpRow> queued, long takenAtMillis) {
        Map<TcpRow.Connection, Long> seen = new HashMap<>();
        for (TcpRow row : queued) {
            if (seen.size() == MAX_REMEMBERED) {
                break;
            }
            TcpRow.Connection connection = row.connection();
            seen.put(connection, firstSeenByConnection.getOrDefault(connection, takenAtMillis));
        }
        firstSeenByConnection.keySet().retainAll(seen.keySet());
        firstSeenByConnection.putAll(seen);
        return seen;
    }
}
