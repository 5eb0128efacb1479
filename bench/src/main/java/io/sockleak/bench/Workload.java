package io.sockleak.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One benchmark workload: its driver side runs in the bench's JVM and starts child JVMs with and
 * without the agent; its child side (a static {@code child} method the class also holds) runs in them.
 */
abstract class Workload {

    protected final Bench bench;
    protected final Settings settings;
    protected final PrintStream out;

    Workload(Bench bench) {
        this.bench = bench;
        this.settings = bench.settings();
        this.out = bench.out();
    }

    /** Runs the workload and says which targets it met. */
    abstract List<Verdict> run() throws Exception;

    protected Map<String, String> runChild(boolean withAgent, String workload, String... args) throws Exception {
        return bench.runChild(withAgent, workload, args);
    }

    protected void progress(String step) {
        bench.progress(step);
    }

    /** Without the agent first in even rounds, with it first in odd ones. */
    protected static boolean[] order(int round) {
        return round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
    }
}
