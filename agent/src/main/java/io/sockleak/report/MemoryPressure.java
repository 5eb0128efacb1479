package io.sockleak.report;

import io.sockleak.support.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent under memory pressure: its memory budget reached (more sockets than it may track, a report
 * cut) or an OutOfMemoryError caught in one of its own threads. Each is told in one {@code sockleak:}
 * line, the first time only (every report says what it left out). On the first OutOfMemoryError the agent
 * degrades: the steps registered with {@link #onDegrade} run (no new sockets tracked), and reports list
 * counts only.
 */
public final class MemoryPressure {

    private final Console console;
    private final AtomicBoolean budgetTold = new AtomicBoolean();
    private final AtomicBoolean outOfMemory = new AtomicBoolean();
    private final List<Runnable> degradeSteps = new ArrayList<>();

    public MemoryPressure(Console console) {
        this.console = console;
    }

    /** A step to take on the first OutOfMemoryError; steps must not allocate much. */
    public synchronized void onDegrade(Runnable step) {
        degradeSteps.add(step);
    }

    /** The budget was reached: {@code what} says what is no longer kept. */
    public void budgetReached(String what) {
        if (budgetTold.compareAndSet(false, true)) {
            console.line("memory budget reached: " + what);
        }
    }

    /** An OutOfMemoryError reached the agent in {@code where} (a thread or task name). */
    public void outOfMemory(String where) {
        if (!outOfMemory.compareAndSet(false, true)) {
            return;
        }
        List<Runnable> steps;
        synchronized (this) {
            steps = List.copyOf(degradeSteps);
        }
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (Throwable ignored) {
                // degrade as far as possible
            }
        }
        console.line("out of memory in " + where + "; the agent now tracks no new sockets and its reports"
                + " list counts only");
    }

    /** Whether an OutOfMemoryError reached the agent: reports then list counts only. */
    public boolean outOfMemory() {
        return outOfMemory.get();
    }
}
