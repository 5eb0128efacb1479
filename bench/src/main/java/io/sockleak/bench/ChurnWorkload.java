package io.sockleak.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection churn (issue 4): loopback connect + accept + close, java.net and NIO, 1 and 8 threads.
 * Driver side ({@link #run}), and child side ({@link #child}) in the JVMs it starts.
 */
final class ChurnWorkload extends Workload {

    ChurnWorkload(Bench bench) {
        super(bench);
    }

    static final String NAME = "churn";
    static final double CHURN_TARGET = 1.05;
    /** The agent's default scanInterval. */
    private static final long SCAN_INTERVAL_MILLIS = 10_000;

    @Override
    List<Verdict> run() throws Exception {
        record Config(String api, int threads) {
            String label() {
                return api + " " + threads + (threads == 1 ? " thread" : " threads");
            }
        }
        List<Config> configs = List.of(new Config("net", 1), new Config("net", 8), new Config("nio", 1),
                new Config("nio", 8));
        out.println();
        out.printf(Locale.ROOT, "connection churn: loopback connect + accept + close both ends (accepted end first),"
                + " %d ms warm-up then %d ms measured per run, %d round%s%n", settings.warmupMs(),
                settings.measureMs(), settings.rounds(), settings.rounds() == 1 ? "" : "s");
        if (settings.warmupMs() < 2_000) {
            out.println("  (the warm-up is shorter than 2 s: the agent's first /proc scan, 1 s after its start, and"
                    + " the first compilations fall in the window)");
        }
        // per config, per arm (0 without, 1 with): metric -> samples
        Map<Config, List<Map<String, List<Double>>>> samples = new LinkedHashMap<>();
        Map<Config, List<Double>> ratios = new LinkedHashMap<>();
        Map<Config, List<Double>> cpuRatios = new LinkedHashMap<>();
        List<Double> timeWaits = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            for (Config c : configs) {
                List<Map<String, List<Double>>> arms = samples.computeIfAbsent(c,
                        k -> List.of(new LinkedHashMap<>(), new LinkedHashMap<>()));
                double[] rates = new double[2];
                double[] cpu = new double[2];
                for (boolean withAgent : order(round)) {
                    Map<String, String> r = runChild(withAgent, NAME, "api=" + c.api(), "threads=" + c.threads(),
                            "warmupMs=" + settings.warmupMs(), "measureMs=" + settings.measureMs(),
                            "depth=" + settings.depth());
                    if (!r.get("errors").equals("0")) {
                        throw new IllegalStateException("churn " + c.label() + " had " + r.get("errors")
                                + " errors: " + r.get("firstError"));
                    }
                    if (withAgent && !r.get("tracked").equals("0")) {
                        out.println("  note: churn " + c.label() + " with agent ended with " + r.get("tracked")
                                + " sockets still tracked (every socket was closed)");
                    }
                    int arm = withAgent ? 1 : 0;
                    rates[arm] = Double.parseDouble(r.get("rate"));
                    cpu[arm] = Double.parseDouble(r.get("cpuUsPerCycle"));
                    Map<String, List<Double>> m = arms.get(arm);
                    m.computeIfAbsent("rate", k -> new ArrayList<>()).add(rates[arm]);
                    m.computeIfAbsent("cpu", k -> new ArrayList<>()).add(cpu[arm]);
                    m.computeIfAbsent("worker", k -> new ArrayList<>()).add(
                            Double.parseDouble(r.get("workerCpuUsPerCycle")));
                    double cycles = Double.parseDouble(r.get("cycles"));
                    threadCategories(r.get("otherThreadsCpuMs")).forEach((category, ms) -> m.computeIfAbsent(
                            category, k -> new ArrayList<>()).add(ms * 1000 / Math.max(1, cycles)));
                    timeWaits.add(Double.parseDouble(r.get("timeWaitRows")));
                    for (String key : List.of("scanUsPerCycle", "scanCpuMs", "scanEveryS")) {
                        if (r.containsKey(key)) {
                            m.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(r.get(key)));
                        }
                    }
                }
                ratios.computeIfAbsent(c, k -> new ArrayList<>()).add(rates[0] / rates[1]);
                cpuRatios.computeIfAbsent(c, k -> new ArrayList<>()).add(cpu[1] / cpu[0]);
            }
            progress("churn round " + (round + 1) + "/" + settings.rounds());
        }
        out.println("  wall: cycles per second; ratio = time per cycle with agent / without, per round (paired)");
        out.printf(Locale.ROOT, "  %-15s %-30s %-30s %s%n", "", "without agent", "with agent", "ratio");
        List<Verdict> verdicts = new ArrayList<>();
        for (Config c : configs) {
            Stats q = Stats.of(ratios.get(c));
            out.printf(Locale.ROOT, "  %-15s %-30s %-30s %s%n", c.label(),
                    Stats.of(samples.get(c).get(0).get("rate")).format("%,.0f"),
                    Stats.of(samples.get(c).get(1).get("rate")).format("%,.0f"), q.format("%.3f"));
            verdicts.add(new Verdict("churn " + c.label() + " (time ratio)", String.format(Locale.ROOT, "%.3f",
                    q.median()), "<= " + CHURN_TARGET, q.median() <= CHURN_TARGET));
        }
        out.println("  cpu: process CPU microseconds (user + system, all threads) per cycle; ratio as above");
        for (Config c : configs) {
            Stats q = Stats.of(cpuRatios.get(c));
            out.printf(Locale.ROOT, "  %-15s %-30s %-30s %s%n", c.label(),
                    Stats.of(samples.get(c).get(0).get("cpu")).format("%.1f"),
                    Stats.of(samples.get(c).get(1).get("cpu")).format("%.1f"), q.format("%.3f"));
            verdicts.add(new Verdict("churn " + c.label() + " (CPU ratio)", String.format(Locale.ROOT, "%.3f",
                    q.median()), "<= " + CHURN_TARGET, q.median() <= CHURN_TARGET));
        }
        out.println("  where the extra CPU goes (median with agent - median without, us per cycle):");
        for (Config c : configs) {
            StringBuilder line = new StringBuilder();
            for (String category : List.of("worker", "jit", "gc", "agent", "other")) {
                double with = median(samples.get(c).get(1).get(category));
                double without = median(samples.get(c).get(0).get(category));
                line.append(String.format(Locale.ROOT, "  %s %+.1f", category.equals("worker") ? "churn threads"
                        : category.equals("agent") ? "sockleak threads" : category, with - without));
            }
            out.printf(Locale.ROOT, "  %-15s%s%n", c.label(), line);
        }
        out.println("  periodic scans of /proc (outside the window once the table is full: the monitor waits at least"
                + " 200x its last read of /proc), spread over their interval:");
        for (Config c : configs) {
            Map<String, List<Double>> agentArm = samples.get(c).get(1);
            if (!agentArm.containsKey("scanUsPerCycle")) {
                continue;
            }
            double scanUs = median(agentArm.get("scanUsPerCycle"));
            double cpuWith = median(agentArm.get("cpu"));
            double cpuWithout = median(samples.get(c).get(0).get("cpu"));
            out.printf(Locale.ROOT, "  %-15s  %.0f ms of CPU per scan, one every %.0f s: %+.2f us per cycle;"
                            + " CPU ratio with them %.3f%n", c.label(), median(agentArm.get("scanCpuMs")),
                    median(agentArm.get("scanEveryS")), scanUs, (cpuWith + scanUs) / cpuWithout);
        }
        out.printf(Locale.ROOT, "  TIME_WAIT rows in /proc/net/tcp{,6} after a run: %s%n",
                Stats.of(timeWaits).format("%,.0f"));
        return verdicts;
    }

    private static double median(List<Double> samples) {
        return samples == null ? 0 : Stats.of(samples).median();
    }

    /** {@code name:ms,...} from the child folded into jit, gc, agent and other. */
    static Map<String, Double> threadCategories(String threads) {
        Map<String, Double> byCategory = new LinkedHashMap<>();
        for (String category : List.of("jit", "gc", "agent", "other")) {
            byCategory.put(category, 0.0);
        }
        if (threads == null || threads.equals("-")) {
            return byCategory;
        }
        for (String entry : threads.split(",")) {
            int colon = entry.lastIndexOf(':');
            String name = entry.substring(0, colon);
            double ms = Double.parseDouble(entry.substring(colon + 1));
            String category = name.contains("Compiler") ? "jit"
                    : name.startsWith("GC") || name.startsWith("G1") ? "gc"
                    : name.startsWith("sockleak") ? "agent" : "other";
            byCategory.merge(category, ms, Double::sum);
        }
        return byCategory;
    }

    // ---------------------------------------------------------------- in the child JVM

    /**
     * Loopback connection churn: per cycle connect, accept, close the accepted end, close the client
     * end, all on one thread with its own listener. The server side closes first, so TIME_WAIT lands on
     * the listener's port (where a new SYN may reuse it) and never on the client's ephemeral ports.
     */
    static void child(Map<String, String> opts, Map<String, Object> result) throws Exception {
        String api = opts.getOrDefault("api", "net");
        int threads = Integer.parseInt(opts.getOrDefault("threads", "1"));
        long warmupMs = Long.parseLong(opts.getOrDefault("warmupMs", "2000"));
        long measureMs = Long.parseLong(opts.getOrDefault("measureMs", "4000"));
        int depth = Integer.parseInt(opts.getOrDefault("depth", "0"));

        ChurnWorker[] workers = new ChurnWorker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = api.equals("nio") ? new NioChurn(depth) : new NetChurn(depth);
            workers[i].setName("churn-" + i);
            workers[i].setDaemon(true);
        }
        for (ChurnWorker w : workers) {
            w.start();
        }
        Thread.sleep(warmupMs);
        long c0 = sum(workers);
        long t0 = System.nanoTime();
        long cpu0 = Machine.processCpuNanos();
        long workerCpu0 = threadCpuNanos(workers);
        Map<String, Long> tasks0 = taskTicks();
        Thread.sleep(measureMs);
        long c1 = sum(workers);
        long t1 = System.nanoTime();
        long cpu1 = Machine.processCpuNanos();
        long workerCpu1 = threadCpuNanos(workers);
        Map<String, Long> tasks1 = taskTicks();
        for (ChurnWorker w : workers) {
            w.stopping = true;
        }
        for (ChurnWorker w : workers) {
            w.join(10_000);
        }
        long errors = 0;
        String firstError = null;
        for (ChurnWorker w : workers) {
            errors += w.errors;
            if (firstError == null) {
                firstError = w.firstError;
            }
            w.closeListener();
        }
        double seconds = (t1 - t0) / 1e9;
        double rate = (c1 - c0) / seconds;
        scanCost(rate, result);
        result.put("workload", "churn-" + api + "-" + threads);
        result.put("timeWaitRows", Machine.timeWaitRows());
        result.put("cycles", c1 - c0);
        result.put("seconds", seconds);
        result.put("rate", rate);
        result.put("usPerCycle", seconds * 1e6 / Math.max(1, c1 - c0));
        result.put("cpuUsPerCycle", (cpu1 - cpu0) / 1e3 / Math.max(1, c1 - c0));
        result.put("workerCpuUsPerCycle", (workerCpu1 - workerCpu0) / 1e3 / Math.max(1, c1 - c0));
        result.put("errors", errors);
        result.put("otherThreadsCpuMs", otherThreads(tasks0, tasks1));
        if (firstError != null) {
            result.put("firstError", firstError.replace(' ', '_'));
        }
        AgentHandle.facts(result);
    }

    /**
     * The agent's periodic scan, which the churn window leaves out once the table is full (the monitor
     * scans 1 s after the start, then waits at least 200 times as long as a read of /proc took): the CPU
     * of one scan at the table the churn left, spread over the interval the monitor's own rule gives it,
     * per cycle at {@code rate}. Nothing in the arm without the agent.
     */
    private static void scanCost(double rate, Map<String, Object> result) {
        if (!AgentHandle.present()) {
            return;
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> wallMs = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        List<Double> snapshotMs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            AgentHandle.scan();
            wallMs.add((System.nanoTime() - wall0) / 1e6);
            cpuMs.add((threads.getCurrentThreadCpuTime() - cpu0) / 1e6);
            snapshotMs.add((double) AgentHandle.lastSnapshotMillis());
        }
        double scanMs = Stats.of(wallMs).median();
        double everySeconds = AgentHandle.nextScanDelayMillis(SCAN_INTERVAL_MILLIS,
                Math.round(Stats.of(snapshotMs).median())) / 1000.0;
        result.put("scanMs", scanMs);
        result.put("scanCpuMs", Stats.of(cpuMs).median());
        result.put("scanEveryS", everySeconds);
        result.put("scanUsPerCycle", Stats.of(cpuMs).median() * 1000 / (everySeconds * rate));
    }

    /**
     * CPU ticks of this process's threads (from /proc/self/task/N/stat) by thread name with digits
     * folded, so "C2 CompilerThread0" and "C2 CompilerThread1" add up. Empty where there is no /proc.
     */
    static Map<String, Long> taskTicks() {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name.replaceAll("[0-9]+", "#").replace(' ', '_'),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return ticks;
    }

    /** The threads other than the churn threads that used CPU in the window, in ms (10 ms resolution). */
    private static String otherThreads(Map<String, Long> before, Map<String, Long> after) {
        StringJoiner j = new StringJoiner(",");
        after.forEach((name, t) -> {
            long ms = (t - before.getOrDefault(name, 0L)) * 10;
            if (ms > 0 && !name.startsWith("churn-")) {
                j.add(name + ":" + ms);
            }
        });
        return j.length() == 0 ? "-" : j.toString();
    }

    /** CPU time of the churn threads alone (not the JIT, GC or agent threads). */
    private static long threadCpuNanos(ChurnWorker[] workers) {
        long sum = 0;
        for (ChurnWorker w : workers) {
            sum += ManagementFactory.getThreadMXBean().getThreadCpuTime(w.getId());
        }
        return sum;
    }

    private static long sum(ChurnWorker[] workers) {
        long s = 0;
        for (ChurnWorker w : workers) {
            s += w.count.get();
        }
        return s;
    }

    private abstract static class ChurnWorker extends Thread {
        final AtomicLong count = new AtomicLong();
        final int depth;
        volatile boolean stopping;
        long errors;
        String firstError;

        ChurnWorker(int depth) {
            this.depth = depth;
        }

        @Override
        public final void run() {
            descend(depth);
        }

        /** Extra frames under the socket calls, to stand for an application's call depth. */
        private void descend(int n) {
            if (n > 0) {
                descend(n - 1);
                return;
            }
            long done = 0;
            while (!stopping) {
                try {
                    cycle();
                    count.lazySet(++done);
                } catch (IOException e) {
                    if (errors++ == 0) {
                        firstError = e.toString();
                    }
                    if (errors > 100) {
                        return;
                    }
                }
            }
        }

        abstract void cycle() throws IOException;

        abstract void closeListener() throws IOException;
    }

    /** One java.net cycle: connect, accept, close the accepted end, then the client's. */
    static void netCycle(ServerSocket listener, int port) throws IOException {
        Socket client = new Socket(Loopback.ADDRESS, port);
        try {
            Socket accepted = listener.accept();
            accepted.close();
        } finally {
            client.close();
        }
    }

    /** The same cycle with NIO channels. */
    static void nioCycle(ServerSocketChannel listener, InetSocketAddress address) throws IOException {
        SocketChannel client = SocketChannel.open(address);
        try {
            SocketChannel accepted = listener.accept();
            accepted.close();
        } finally {
            client.close();
        }
    }

    private static final class NetChurn extends ChurnWorker {
        private final ServerSocket listener;
        private final int port;

        NetChurn(int depth) throws IOException {
            super(depth);
            listener = new ServerSocket(0, 128, Loopback.ADDRESS);
            port = listener.getLocalPort();
        }

        @Override
        void cycle() throws IOException {
            netCycle(listener, port);
        }

        @Override
        void closeListener() throws IOException {
            listener.close();
        }
    }

    private static final class NioChurn extends ChurnWorker {
        private final ServerSocketChannel listener;
        private final InetSocketAddress address;

        NioChurn(int depth) throws IOException {
            super(depth);
            listener = ServerSocketChannel.open().bind(new InetSocketAddress(Loopback.ADDRESS, 0), 128);
            address = new InetSocketAddress(Loopback.ADDRESS, ((InetSocketAddress) listener.getLocalAddress()).getPort());
        }

        @Override
        void cycle() throws IOException {
            nioCycle(listener, address);
        }

        @Override
        void closeListener() throws IOException {
            listener.close();
        }
    }

}
