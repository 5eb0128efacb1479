package io.sockleak.ports;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which failed binds are explained: the first failure of a bind (its address, SO_REUSEADDR
 * and socket class) per gap (failureReportGap), and at most {@value #MAX_PER_GAP} explanations per gap
 * over all binds, so that a loop probing 200 ports costs the application 200 counts, not 200 kernel
 * reads and stderr lines. The others are counted; the next explained failure's line says how many.
 */
final class RepeatedBinds {

    /** Explanations per gap over all ports. */
    static final int MAX_PER_GAP = 3;
    private static final int MAX_KEYS = 1024;

    private final long gapNanos;
    private final Map<String, Long> lastByKey = new HashMap<>();
    private final Deque<Long> recentExplained = new ArrayDeque<>();
    private int notExplained;

    /** @param gapNanos 0: every failure is explained */
    RepeatedBinds(long gapNanos) {
        this.gapNanos = gapNanos;
    }

    /** Whether this failure is to be explained; if not, it is counted. Takes a lock held for a map lookup. */
    synchronized boolean shouldExplain(String address, Boolean reuseAddress, Object socket) {
        String key = address + '|' + reuseAddress + '|' + (socket == null ? "" : socket.getClass().getName());
        if (gapNanos == 0) {
            return true;
        }
        long now = System.nanoTime();
        while (!recentExplained.isEmpty() && now - recentExplained.peekFirst() >= gapNanos) {
            recentExplained.pollFirst();
        }
        Long last = lastByKey.get(key);
        boolean due = last == null || now - last >= gapNanos;
        if (!due || recentExplained.size() >= MAX_PER_GAP) {
            notExplained++;
            return false;
        }
        if (lastByKey.size() >= MAX_KEYS) {
            lastByKey.clear();
        }
        lastByKey.put(key, now);
        recentExplained.addLast(now);
        return true;
    }

    /** The failures counted since the last call. */
    synchronized int takeNotExplained() {
        int taken = notExplained;
        notExplained = 0;
        return taken;
    }
}
