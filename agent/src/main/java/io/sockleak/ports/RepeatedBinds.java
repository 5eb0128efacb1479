package io.sockleak.ports;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets the first failure of a bind through per gap (failureReportGap) and counts the repeats, which the
 * next explained failure's line mentions. A bind is its address, SO_REUSEADDR and socket class.
 */
final class RepeatedBinds {

    private static final int MAX_KEYS = 1024;

    private final long gapNanos;
    private final ConcurrentHashMap<String, Long> lastByKey = new ConcurrentHashMap<>();
    private final AtomicInteger notExplained = new AtomicInteger();

    /** @param gapNanos 0: every failure is a first */
    RepeatedBinds(long gapNanos) {
        this.gapNanos = gapNanos;
    }

    /** Whether this failure is to be explained; if not, it is counted. */
    boolean isFirstWithinGap(String address, Boolean reuseAddress, Object socket) {
        String key = address + '|' + reuseAddress + '|' + (socket == null ? "" : socket.getClass().getName());
        if (firstWithinGap(key)) {
            return true;
        }
        notExplained.incrementAndGet();
        return false;
    }

    /** The repeats counted since the last call. */
    int takeNotExplained() {
        return notExplained.getAndSet(0);
    }

    private boolean firstWithinGap(String key) {
        if (gapNanos == 0) {
            return true;
        }
        long now = System.nanoTime();
        if (lastByKey.size() > MAX_KEYS) {
            lastByKey.clear();
        }
        boolean[] first = {false};
        lastByKey.compute(key, (k, last) -> {
            if (last == null || now - last >= gapNanos) {
                first[0] = true;
                return now;
            }
            return last;
        });
        return first[0];
    }
}
