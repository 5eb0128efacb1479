package io.sockleak.config;

/**
 * How much of the application's heap the agent may hold, and how that is shared between what grows
 * with the application (socket records), with the host (rows of other processes in /proc/net/tcp*) and
 * with the leaks (the report in progress, reports waiting for their folder). A fixed share of
 * {@code Runtime.maxMemory()}: an agent that keeps its fixed 100,000-record limit in a 16 MB JVM is the
 * reason that JVM dies (issue 14).
 *
 * @param bytes the whole budget
 */
public record MemoryBudget(long bytes) {

    /** The share of the heap: 1/10. */
    static final int HEAP_DIVISOR = 10;
    /** Below this the agent cannot say anything useful; a JVM this small (-Xmx8m) gives it 1 MB anyway. */
    static final long FLOOR_BYTES = 1L << 20;

    /**
     * Heap a tracked socket costs before its stack is interned (docs/performance.md: 837 B for the record
     * and its raw stack at 10 frames, plus the registry's slot and the diagnosis's share); priced high on
     * purpose, as deep stacks cost more until interned.
     */
    static final int RECORD_BYTES = 1_200;
    /** A kept row of /proc/net/tcp*: the row, its two endpoints, and its inode in the selection's sets. */
    static final int ROW_BYTES = 200;
    /** One leak in the report model, its text fields and its share of the JSON writer's buffers. */
    static final int LEAK_BYTES = 1_500;

    public static MemoryBudget ofThisJvm() {
        return ofHeap(Runtime.getRuntime().maxMemory());
    }

    /** {@code maxHeap}: {@code Runtime.maxMemory()}, {@code Long.MAX_VALUE} when the JVM has no limit. */
    public static MemoryBudget ofHeap(long maxHeap) {
        return new MemoryBudget(Math.max(FLOOR_BYTES, maxHeap / HEAP_DIVISOR));
    }

    /** Half the budget: socket records; {@code maxTracked} of the options caps it further. */
    public int maxTrackedSockets() {
        return clampToInt(bytes / 2 / RECORD_BYTES);
    }

    /** An eighth: rows of /proc/net/tcp* whose owner is not known yet while the tables are read. */
    public int maxUnresolvedRows() {
        return clampToInt(bytes / 8 / ROW_BYTES);
    }

    /** A quarter: the leaks, stale pooled connections and unaccepted connections one report lists. */
    public int maxReportEntries() {
        return clampToInt(bytes / 4 / LEAK_BYTES);
    }

    /** An eighth: reports kept in memory while their folder cannot be written. */
    public long maxPendingBytes() {
        return bytes / 8;
    }

    private static int clampToInt(long value) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, value));
    }
}
