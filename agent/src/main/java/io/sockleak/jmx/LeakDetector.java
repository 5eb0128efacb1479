package io.sockleak.jmx;

import io.sockleak.diagnose.Diagnosis;
import io.sockleak.model.Evidence;
import io.sockleak.model.LeakKind;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The MBean: counts from one correlation, cached for a second, and an on-demand report. */
public final class LeakDetector implements LeakDetectorMXBean {

    public static final String OBJECT_NAME = "io.sockleak:type=LeakDetector";
    static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What the MBean shows, provided by the running agent. */
    public interface Source {
        Diagnosis diagnose();

        long errors();

        Path reportDir();

        /** The path of the report written, or null when it could not be written (yet). */
        Path dump();
    }

    private final Source source;
    private final LongSupplier nanoClock;
    private Diagnosis cached;
    private long cachedAt;

    public LeakDetector(Source source) {
        this(source, System::nanoTime);
    }

    LeakDetector(Source source, LongSupplier nanoClock) {
        this.source = source;
        this.nanoClock = nanoClock;
    }

    private synchronized Diagnosis diagnosis() {
        long now = nanoClock.getAsLong();
        if (cached == null || now - cachedAt >= CACHE_NANOS) {
            cached = source.diagnose();
            cachedAt = now;
        }
        return cached;
    }

    @Override
    public long getTrackedOpen() {
        return diagnosis().trackedOpen();
    }

    @Override
    public long getCloseWait() {
        return diagnosis().count(LeakKind.CLOSE_WAIT);
    }

    @Override
    public long getUnaccepted() {
        return diagnosis().unaccepted();
    }

    @Override
    public long getCollectedOpen() {
        return diagnosis().count(LeakKind.COLLECTED_OPEN);
    }

    @Override
    public long getUntracked() {
        return diagnosis().count(LeakKind.UNTRACKED);
    }

    @Override
    public long getLeaks() {
        return diagnosis().leakCount();
    }

    @Override
    public long getCloseWaitAged() {
        return diagnosis().count(Evidence.CLOSE_WAIT_AGED);
    }

    @Override
    public long getReadEofKept() {
        return diagnosis().count(Evidence.READ_EOF_KEPT);
    }

    @Override
    public long getBorrowedNotReturned() {
        return diagnosis().count(Evidence.BORROWED_NOT_RETURNED);
    }

    @Override
    public long getOpenAtExit() {
        return diagnosis().count(Evidence.OPEN_AT_EXIT);
    }

    @Override
    public long getStalePooled() {
        return diagnosis().stalePooled().size();
    }

    @Override
    public long getYoung() {
        return diagnosis().young();
    }

    @Override
    public long getErrors() {
        return source.errors();
    }

    @Override
    public String getReportDir() {
        return String.valueOf(source.reportDir());
    }

    @Override
    public String dump() {
        Path path = source.dump();
        if (path == null) {
            // A JDK exception type, so that any JMX client can show it without the agent's classes.
            throw new IllegalStateException("the report could not be written to " + source.reportDir()
                    + " (the agent retries every second; its reason is on the JVM's stderr)");
        }
        synchronized (this) {
            cached = null;
        }
        return path.toString();
    }
}
