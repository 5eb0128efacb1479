package io.sockleak.ports;

import io.sockleak.model.BindFailure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last bind failures explained, oldest first; older ones are dropped. */
final class BindFailureLog {

    private final int capacity;
    private final Deque<BindFailure> entries = new ArrayDeque<>();

    BindFailureLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    synchronized void add(BindFailure failure) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(failure);
    }

    synchronized List<BindFailure> recent() {
        return new ArrayList<>(entries);
    }
}
