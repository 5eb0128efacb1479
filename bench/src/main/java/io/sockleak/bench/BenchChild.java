package io.sockleak.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One benchmark workload in a JVM of its own, started by the driver with or without the agent:
 * {@code BenchChild WORKLOAD key=value...}. Prints exactly one {@code BENCH key=value ...} line with
 * the result (or {@code BENCH error=...}) on stdout. Whatever asks the agent anything
 * ({@link AgentHandle}) does so outside the measured regions.
 */
public final class BenchChild {

    static final String RESULT_PREFIX = "BENCH ";

    /** A child ends itself if the driver has gone away and left it running. */
    private static final long WATCHDOG_MS = 300_000;

    private BenchChild() {
    }

    public static void main(String[] args) throws Exception {
        startWatchdog();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        int code = 0;
        try {
            switch (args.length == 0 ? "" : args[0]) {
                case ChurnWorkload.NAME -> ChurnWorkload.child(opts, result);
                case HeapWorkload.NAME -> HeapWorkload.child(opts, result);
                case ReportWorkload.NAME -> ReportWorkload.child(opts, result);
                case AttachWorkload.TARGET -> AttachWorkload.child(opts, result);
                case PoolWorkload.NAME -> PoolWorkload.child(opts, result);
                case TimeWaitWorkload.NAME -> TimeWaitWorkload.child(opts, result);
                default -> throw new IllegalArgumentException("unknown workload " + (args.length == 0 ? "" : args[0]));
            }
        } catch (Throwable t) {
            result.put("error", (t.getClass().getSimpleName() + ": " + t.getMessage()).replace(' ', '_'));
            code = 1;
        }
        System.out.println(line(result));
        System.out.flush();
        System.exit(code);
    }

    static String line(Map<String, Object> result) {
        StringJoiner j = new StringJoiner(" ", RESULT_PREFIX, "");
        result.forEach((k, v) -> j.add(k + "=" + (v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v)));
        return j.toString();
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG_MS);
                System.err.println("bench child still running after " + WATCHDOG_MS + " ms, giving up");
                System.exit(3);
            } catch (InterruptedException e) {
                // not needed
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
