package io.sockleak.track;

import java.util.ArrayDeque;
import java.util.List;

/** Records found garbage-collected while still open: the most recent {@code capacity}, and a total. */
final class CollectedLog {

    private final ArrayDeque<SocketRecord> recent = new ArrayDeque<>();
    private final int capacity;
    private long total;

    CollectedLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(SocketRecord record) {
        total++;
        if (capacity == 0) {
            return;
        }
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(record);
    }

    synchronized List<SocketRecord> recent() {
        return List.copyOf(recent);
    }

    synchronized long total() {
        return total;
    }
}
