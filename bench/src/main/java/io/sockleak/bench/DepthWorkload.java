package io.sockleak.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connection churn opened deep in the stack (issue 16): java.net on one thread, with 10, 60, 150 and
 * 300 extra frames under the socket calls, as a request thread of a framework has. The cost of a
 * stack capture grows with the whole stack; the agent's cost per socket should not.
 */
final class DepthWorkload extends Workload {

    static final String NAME = "depth";

    /** Issue 16's targets: time ratio at most this at the given depth. */
    private static final int[] DEPTHS = {10, 60, 150, 300};
    private static final double[] TARGETS = {1.02, 1.03, 1.03, 1.05};

    DepthWorkload(Bench bench) {
        super(bench);
    }

    @Override
    List<Verdict> run() throws Exception {
        out.println();
        out.printf(Locale.ROOT, "churn deep in the stack: java.net, 1 thread, N extra frames under the socket calls,"
                + " %d ms warm-up then %d ms measured per run, %d round%s%n", settings.warmupMs(),
                settings.measureMs(), settings.rounds(), settings.rounds() == 1 ? "" : "s");
        // Each run leaves ~130,000 TIME_WAIT rows for a minute, and whether the next run finds the table
        // full changes the kernel's cost per connection by more than the agent's (the bare arm varied by
        // up to 50% between runs): what this workload measures is the cost per socket of a deep stack, so
        // the namespace keeps no TIME_WAIT rows while it runs. The timewait workload measures the table.
        int buckets = Machine.timeWaitBuckets(0);
        out.println(buckets >= 0 ? "  TIME_WAIT kept out of the namespace during these runs (tcp_max_tw_buckets 0, was "
                + buckets + ")" : "  TIME_WAIT rows accumulate between runs (shared network namespace)");
        try {
            return measure();
        } finally {
            if (buckets >= 0) {
                Machine.timeWaitBuckets(buckets);
            }
        }
    }

    private List<Verdict> measure() throws Exception {
        List<List<Double>> ratios = new ArrayList<>();
        List<List<Double>> cpuRatios = new ArrayList<>();
        List<List<Double>> bareRates = new ArrayList<>();
        for (int d = 0; d < DEPTHS.length; d++) {
            ratios.add(new ArrayList<>());
            cpuRatios.add(new ArrayList<>());
            bareRates.add(new ArrayList<>());
        }
        for (int round = 0; round < settings.rounds(); round++) {
            for (int d = 0; d < DEPTHS.length; d++) {
                double[] rate = new double[2];
                double[] cpu = new double[2];
                for (boolean withAgent : order(round)) {
                    Map<String, String> r = runChild(withAgent, ChurnWorkload.NAME, "api=net", "threads=1",
                            "warmupMs=" + settings.warmupMs(), "measureMs=" + settings.measureMs(),
                            "depth=" + DEPTHS[d]);
                    if (!r.get("errors").equals("0")) {
                        throw new IllegalStateException("churn at depth " + DEPTHS[d] + " had " + r.get("errors")
                                + " errors: " + r.get("firstError"));
                    }
                    int arm = withAgent ? 1 : 0;
                    rate[arm] = Double.parseDouble(r.get("rate"));
                    cpu[arm] = Double.parseDouble(r.get("cpuUsPerCycle"));
                }
                ratios.get(d).add(rate[0] / rate[1]);
                cpuRatios.get(d).add(cpu[1] / cpu[0]);
                bareRates.get(d).add(rate[0]);
            }
            progress("depth round " + (round + 1) + "/" + settings.rounds());
        }
        out.printf(Locale.ROOT, "  %-12s %-30s %-30s %s%n", "frames", "cycles/s without agent", "time ratio",
                "CPU ratio");
        List<Verdict> verdicts = new ArrayList<>();
        for (int d = 0; d < DEPTHS.length; d++) {
            Stats q = Stats.of(ratios.get(d));
            out.printf(Locale.ROOT, "  %-12d %-30s %-30s %s%n", DEPTHS[d], Stats.of(bareRates.get(d)).format("%,.0f"),
                    q.format("%.3f"), Stats.of(cpuRatios.get(d)).format("%.3f"));
            verdicts.add(new Verdict("churn " + DEPTHS[d] + " frames deep (time ratio)",
                    String.format(Locale.ROOT, "%.3f", q.median()), "<= " + TARGETS[d], q.median() <= TARGETS[d]));
        }
        return verdicts;
    }
}
