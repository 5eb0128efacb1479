package io.sockleak.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pooled requests (issue 12): the pool hooks on a real request path, time and CPU per request.
 * Driver side ({@link #run}), and child side ({@link #child}) in the JVMs it starts.
 */
final class PoolWorkload extends Workload {

    PoolWorkload(Bench bench) {
        super(bench);
    }

    static final String NAME = "pool";
    static final double POOL_TARGET = 1.05;

    /** The pool hooks on a real request path (issue 12): time and CPU per pooled request, paired ratios. */
    @Override
    List<Verdict> run() throws Exception {
        out.println();
        out.printf(Locale.ROOT, "pooled requests: HttpURLConnection keep-alive GETs on one thread against a server in the"
                + " same JVM (a borrow and a return per request), %d ms warm-up then %d ms measured, %d round%s%n",
                settings.warmupMs(), settings.measureMs(), settings.rounds(), settings.rounds() == 1 ? "" : "s");
        List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> cpus = List.of(new ArrayList<>(), new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            double[] rate = new double[2];
            double[] cpu = new double[2];
            for (boolean withAgent : order(round)) {
                Map<String, String> r = runChild(withAgent, NAME, "warmupMs=" + settings.warmupMs(),
                        "measureMs=" + settings.measureMs());
                int arm = withAgent ? 1 : 0;
                rate[arm] = Double.parseDouble(r.get("rate"));
                cpu[arm] = Double.parseDouble(r.get("cpuUsPerRequest"));
                rates.get(arm).add(rate[arm]);
                cpus.get(arm).add(cpu[arm]);
            }
            ratios.add(rate[0] / rate[1]);
            cpuRatios.add(cpu[1] / cpu[0]);
            progress("pool round " + (round + 1) + "/" + settings.rounds());
        }
        Stats q = Stats.of(ratios);
        out.printf(Locale.ROOT, "  %-15s %-30s %-30s %s%n", "", "without agent", "with agent", "ratio");
        out.printf(Locale.ROOT, "  %-15s %-30s %-30s %s%n", "requests/s", Stats.of(rates.get(0)).format("%,.0f"),
                Stats.of(rates.get(1)).format("%,.0f"), q.format("%.3f"));
        out.printf(Locale.ROOT, "  %-15s %-30s %-30s %s%n", "cpu us/request", Stats.of(cpus.get(0)).format("%.1f"),
                Stats.of(cpus.get(1)).format("%.1f"), Stats.of(cpuRatios).format("%.3f"));
        return List.of(new Verdict("pooled requests (time ratio)", String.format(Locale.ROOT, "%.3f", q.median()),
                "<= " + POOL_TARGET, q.median() <= POOL_TARGET));
    }

    // ---------------------------------------------------------------- in the child JVM

    /**
     * Pooled requests: HttpURLConnection GETs on one thread against a keep-alive server in this JVM, the
     * body read and closed, so each request borrows the connection from the JDK's keep-alive cache and
     * returns it: the pool hooks' cost (a borrow with its stack, a return) on a real request path.
     */
    static void child(Map<String, String> opts, Map<String, Object> result) throws Exception {
        long warmupMs = Long.parseLong(opts.getOrDefault("warmupMs", "2000"));
        long measureMs = Long.parseLong(opts.getOrDefault("measureMs", "4000"));
        try (io.sockleak.demo.IdleClosingHttpServer server = new io.sockleak.demo.IdleClosingHttpServer()) {
            java.net.URL url = java.net.URI.create(server.url()).toURL();
            byte[] sink = new byte[64];
            long end = System.nanoTime() + warmupMs * 1_000_000;
            while (System.nanoTime() < end) {
                get(url, sink);
            }
            long n = 0;
            long t0 = System.nanoTime();
            long cpu0 = Machine.processCpuNanos();
            end = t0 + measureMs * 1_000_000;
            while (System.nanoTime() < end) {
                get(url, sink);
                n++;
            }
            long t1 = System.nanoTime();
            long cpu1 = Machine.processCpuNanos();
            double seconds = (t1 - t0) / 1e9;
            result.put("workload", NAME);
            result.put("requests", n);
            result.put("rate", n / seconds);
            result.put("usPerRequest", seconds * 1e6 / Math.max(1, n));
            result.put("cpuUsPerRequest", (cpu1 - cpu0) / 1e3 / Math.max(1, n));
        }
        AgentHandle.facts(result);
    }

    private static void get(java.net.URL url, byte[] sink) throws IOException {
        java.net.HttpURLConnection http = (java.net.HttpURLConnection) url.openConnection();
        try (java.io.InputStream body = http.getInputStream()) {
            while (body.read(sink) != -1) {
                // read to the end: the connection goes back to the keep-alive cache
            }
        }
    }

}
