package io.sockleak.demo.bench;

import com.sun.tools.attach.VirtualMachine;
import io.sockleak.demo.ProcNetTcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The overhead benchmark of issue 4: runs each workload in child JVMs of this same Java, alternately
 * without and with {@code -javaagent:sockleak-agent.jar} (default settings), and prints medians,
 * min and max, and the ratios against the targets. See docs/performance.md.
 *
 * <pre>
 * java -jar demo-app/target/sockleak-demo.jar bench [--quick] [--rounds N] [--agent JAR]
 *      [--agent-options k=v,...] [--only churn,heap,report,attach,pool] [--depth N] [--keep]
 * </pre>
 */
public final class BenchMain {

    /** The same for both arms, so that only the agent differs. */
    static final List<String> CHILD_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

    static final double CHURN_TARGET = 1.05;
    static final double CHURN_GOAL = 1.02;
    static final double HEAP_TARGET_BYTES = 512;
    static final double REPORT_TARGET_RATIO = 2.0;
    static final double ATTACH_TARGET_MS = 1000;

    /**
     * In this order: the report first, as churn (and, less, the attach targets) leave TIME_WAIT rows in
     * /proc/net/tcp6 for a minute, which the report and the raw read would both have to list.
     */
    private static final List<String> ALL = List.of("report", "heap", "attach", "churn", "pool");

    /** TIME_WAIT rows tolerated before the report workload; more are waited out in the full mode. */
    private static final int TIME_WAIT_TOLERATED = 1000;

    private final Settings settings;
    private final PrintStream out;
    private final Path work;
    private int childCount;

    private BenchMain(Settings settings, PrintStream out, Path work) {
        this.settings = settings;
        this.out = out;
        this.work = work;
    }

    record Settings(boolean quick, int rounds, Path agentJar, String agentOptions, List<String> only, int depth,
                    boolean keep, Path java, Path classPath, Long warmupOverride, Long measureOverride) {

        long warmupMs() {
            return warmupOverride != null ? warmupOverride : quick ? 500 : 3000;
        }

        /** Full mode: one whole scan interval of the agent (10 s by default), so one periodic scan is in it. */
        long measureMs() {
            return measureOverride != null ? measureOverride : quick ? 1000 : 10_000;
        }

        int attachRounds() {
            return quick ? 1 : Math.max(5, rounds);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (settings == null) {
            usage(System.out);
            return;
        }
        Path work = Files.createTempDirectory("sockleak-bench");
        int code;
        try {
            code = new BenchMain(settings, System.out, work).runAll();
        } finally {
            if (!settings.keep()) {
                deleteTree(work);
            } else {
                System.out.println("kept child output in " + work);
            }
        }
        System.exit(code);
    }

    static void usage(PrintStream s) {
        s.println("usage: java -jar demo-app/target/sockleak-demo.jar bench [options]");
        s.println("  --quick              smoke run, under a minute (1 round, short phases)");
        s.println("  --rounds N           rounds of alternated runs (default 3, quick 1; attach at least 5)");
        s.println("  --agent JAR          the agent (default agent/target/sockleak-agent.jar of this checkout)");
        s.println("  --agent-options OPTS extra agent options after dir=<temp dir> (default: none)");
        s.println("  --only LIST          any of " + String.join(",", ALL));
        s.println("  --depth N            extra stack frames under each churn thread's socket calls (default 0)");
        s.println("  --warmup-ms N        churn and pool warm-up per run (default 3000, quick 500)");
        s.println("  --measure-ms N       churn and pool measurement per run (default 10000, quick 1000)");
        s.println("  --keep               keep the children's output and reports");
        s.println("Children run on this same Java (" + System.getProperty("java.home") + ") with "
                + String.join(" ", CHILD_FLAGS) + ".");
    }

    static Settings parse(String[] args) throws URISyntaxException {
        boolean quick = false;
        Integer rounds = null;
        Path agent = null;
        String agentOptions = "";
        List<String> only = ALL;
        int depth = 0;
        boolean keep = false;
        Long warmup = null;
        Long measure = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help", "help" -> {
                    return null;
                }
                case "--quick" -> quick = true;
                case "--keep" -> keep = true;
                case "--rounds" -> rounds = positive(value(args, ++i, a), a);
                case "--depth" -> depth = Integer.parseInt(value(args, ++i, a));
                case "--warmup-ms" -> warmup = (long) positive(value(args, ++i, a), a);
                case "--measure-ms" -> measure = (long) positive(value(args, ++i, a), a);
                case "--agent" -> agent = Path.of(value(args, ++i, a));
                case "--agent-options" -> agentOptions = value(args, ++i, a);
                case "--only" -> {
                    only = Arrays.asList(value(args, ++i, a).split(","));
                    for (String w : only) {
                        if (!ALL.contains(w)) {
                            throw new IllegalArgumentException("unknown workload '" + w + "'");
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        Path classPath = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (agent == null) {
            agent = findAgent(classPath);
        }
        if (!Files.isRegularFile(agent)) {
            throw new IllegalArgumentException("no agent jar at " + agent + " (build it: mvn -q -DskipTests package)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new Settings(quick, rounds != null ? rounds : quick ? 1 : 3, agent.toAbsolutePath(), agentOptions,
                only, depth, keep, java, classPath, warmup, measure);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String v, String option) {
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    /** agent/target/sockleak-agent.jar in the working directory or above the demo jar. */
    static Path findAgent(Path classPath) {
        Path relative = Path.of("agent", "target", "sockleak-agent.jar");
        if (Files.isRegularFile(relative)) {
            return relative;
        }
        for (Path p = classPath.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        return relative;
    }

    // ---------------------------------------------------------------- the run

    private int runAll() throws Exception {
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "sockleak bench: Java %s (%s), %d CPUs, %s mode, %d round%s%n",
                Runtime.version(), System.getProperty("java.home"), Runtime.getRuntime().availableProcessors(),
                settings.quick() ? "quick" : "full", settings.rounds(), settings.rounds() == 1 ? "" : "s");
        out.println("  agent: " + settings.agentJar() + " (options: dir=<temp dir>"
                + (settings.agentOptions().isEmpty() ? ", defaults otherwise" : "," + settings.agentOptions()) + ")");
        out.println("  child JVMs (both arms): " + String.join(" ", CHILD_FLAGS) + "; arms alternate, "
                + "the first arm alternating between rounds");
        out.println("  machine load at start: " + load());
        String netns = System.getenv("SOCKLEAK_BENCH_NETNS");
        out.println("  network: " + (netns != null ? netns : "the shared network namespace (bench.sh makes a"
                + " private one)") + "; " + tcpRows() + " rows in /proc/net/tcp{,6} at start");
        out.flush();
        List<Verdict> verdicts = new ArrayList<>();
        for (String workload : ALL) {
            if (!settings.only().contains(workload)) {
                continue;
            }
            switch (workload) {
                case "attach" -> verdicts.addAll(attach());
                case "heap" -> verdicts.addAll(heap());
                case "report" -> verdicts.addAll(report());
                case "churn" -> verdicts.addAll(churn());
                case "pool" -> verdicts.addAll(pool());
                default -> throw new IllegalStateException(workload);
            }
        }
        out.println();
        out.println("summary (targets of issue 4, default settings)");
        boolean allMet = true;
        for (Verdict v : verdicts) {
            out.printf(Locale.ROOT, "  %-44s %-22s %-14s %s%n", v.what, v.value, v.target, v.met ? "met" : "MISSED");
            allMet &= v.met;
        }
        out.printf(Locale.ROOT, "%d child JVMs in %.0f s; machine load at end: %s%n", childCount,
                (System.nanoTime() - start) / 1e9, load());
        return allMet ? 0 : 1;
    }

    record Verdict(String what, String value, String target, boolean met) {
    }

    // ---------------------------------------------------------------- pool

    /** The pool hooks on a real request path (issue 12): time and CPU per pooled request, paired ratios. */
    private List<Verdict> pool() throws Exception {
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
                Map<String, String> r = runChild(withAgent, "pool", "warmupMs=" + settings.warmupMs(),
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
                "<= " + CHURN_TARGET, q.median() <= CHURN_TARGET));
    }

    // ---------------------------------------------------------------- churn

    private List<Verdict> churn() throws Exception {
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
                    Map<String, String> r = runChild(withAgent, "churn", "api=" + c.api(), "threads=" + c.threads(),
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

    // ---------------------------------------------------------------- heap

    private List<Verdict> heap() throws Exception {
        int from = settings.quick() ? 500 : 1000;
        int to = settings.quick() ? 2000 : 4000;
        long waitMs = settings.quick() ? 3000 : 3500;
        int rounds = Math.max(1, Math.min(settings.rounds(), 3));
        out.println();
        out.printf(Locale.ROOT, "heap per open tracked socket: used heap after System.gc() (MemoryMXBean), slope"
                + " from %,d to %,d connections (both ends open: 2 sockets each), %d round%s%n", from, to, rounds,
                rounds == 1 ? "" : "s");
        List<Double> bareNow = new ArrayList<>();
        List<Double> bareLater = new ArrayList<>();
        List<Double> agentNow = new ArrayList<>();
        List<Double> agentLater = new ArrayList<>();
        List<Double> perSocketNow = new ArrayList<>();
        List<Double> perSocketLater = new ArrayList<>();
        List<Double> bufferPerSocket = new ArrayList<>();
        List<Double> bufferTo = new ArrayList<>();
        String sites = "?";
        for (int round = 0; round < rounds; round++) {
            double[] now = new double[2];
            double[] later = new double[2];
            for (boolean withAgent : order(round)) {
                Map<String, String> r = runChild(withAgent, "heap", "from=" + from, "to=" + to, "waitMs=" + waitMs,
                        "settledUptimeMs=7000");
                int i = withAgent ? 1 : 0;
                now[i] = Double.parseDouble(r.get("perConnNow"));
                later[i] = Double.parseDouble(r.get("perConnLater"));
                (withAgent ? agentNow : bareNow).add(now[i]);
                (withAgent ? agentLater : bareLater).add(later[i]);
                if (withAgent) {
                    sites = r.get("sites");
                    if (r.containsKey("bufferPerConn")) {
                        bufferPerSocket.add(Double.parseDouble(r.get("bufferPerConn")) / 2);
                        bufferTo.add(Double.parseDouble(r.get("bufferTo")));
                    }
                    int tracked = Integer.parseInt(r.get("tracked"));
                    if (tracked < 2 * to) {
                        throw new IllegalStateException("the agent tracked only " + tracked + " sockets");
                    }
                }
            }
            perSocketNow.add((now[1] - now[0]) / 2);
            perSocketLater.add((later[1] - later[0]) / 2);
            progress("heap round " + (round + 1) + "/" + rounds);
        }
        Stats now = Stats.of(perSocketNow);
        Stats later = Stats.of(perSocketLater);
        out.printf(Locale.ROOT, "  bytes per connection without agent: %s right after opening, %s %d ms later%n",
                Stats.of(bareNow).format("%,.0f"), Stats.of(bareLater).format("%,.0f"), waitMs);
        out.printf(Locale.ROOT, "  bytes per connection with agent:    %s right after opening, %s %d ms later%n",
                Stats.of(agentNow).format("%,.0f"), Stats.of(agentLater).format("%,.0f"), waitMs);
        out.printf(Locale.ROOT, "  agent's bytes per open socket:      %s right after opening (raw stack), %s once"
                + " interned (%s sites)%n", now.format("%,.0f"), later.format("%,.0f"), sites);
        if (!bufferPerSocket.isEmpty()) {
            out.printf(Locale.ROOT, "  of which the /proc read buffer kept between scans: %s bytes per socket (%s bytes"
                    + " at %,d connections)%n",
                    Stats.of(bufferPerSocket).format("%,.0f"), Stats.of(bufferTo).format("%,.0f"), to);
        }
        return List.of(
                new Verdict("heap per socket, right after opening (B)", now.format("%.0f").split(" ")[0],
                        "<= " + (int) HEAP_TARGET_BYTES, now.median() <= HEAP_TARGET_BYTES),
                new Verdict("heap per socket, stacks interned (B)", later.format("%.0f").split(" ")[0],
                        "<= " + (int) HEAP_TARGET_BYTES, later.median() <= HEAP_TARGET_BYTES));
    }

    // ---------------------------------------------------------------- report

    private List<Verdict> report() throws Exception {
        int connections = 5000;
        int rounds = Math.max(1, Math.min(settings.rounds(), 3));
        out.println();
        out.printf(Locale.ROOT, "report with %,d open sockets (%,d connections, both ends in the child), agent arm"
                + " only, %d round%s of %d reports each alternating with a read of /proc/net/tcp6%n",
                2 * connections, connections, rounds, rounds == 1 ? "" : "s", settings.quick() ? 3 : 7);
        List<Double> report = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> tcp = new ArrayList<>();
        List<Double> fds = new ArrayList<>();
        List<Double> snapshot = new ArrayList<>();
        List<Double> diagnose = new ArrayList<>();
        String rows = "?";
        awaitFewTimeWaits();
        for (int round = 0; round < rounds; round++) {
            Map<String, String> r = runChild(true, "report", "connections=" + connections,
                    "samples=" + (settings.quick() ? 3 : 7), "waitMs=3500");
            report.add(Double.parseDouble(r.get("reportMs")));
            raw.add(Double.parseDouble(r.get("tcp6Ms")));
            first.add(Double.parseDouble(r.get("firstReportMs")));
            ratio.add(Double.parseDouble(r.get("ratio")));
            tcp.add(Double.parseDouble(r.get("tcpMs")));
            fds.add(Double.parseDouble(r.get("fdListMs")));
            snapshot.add(Double.parseDouble(r.get("snapshotMs")));
            diagnose.add(Double.parseDouble(r.get("diagnoseMs")));
            rows = r.get("tcp6Rows");
            progress("report round " + (round + 1) + "/" + rounds);
        }
        Stats q = Stats.of(ratio);
        out.printf(Locale.ROOT, "  /proc/net/tcp6: %s rows%s%n", rows,
                Integer.parseInt(rows) > 2 * connections + 200 ? " (other connections, e.g. TIME_WAIT, inflate it)" : "");
        out.printf(Locale.ROOT, "  report (ms, median per child):         %s%n", Stats.of(report).format("%.1f"));
        out.printf(Locale.ROOT, "  read /proc/net/tcp6 (ms):              %s%n", Stats.of(raw).format("%.1f"));
        out.printf(Locale.ROOT, "  ratio report / tcp6 read:              %s%n", q.format("%.2f"));
        out.printf(Locale.ROOT, "  first report after opening (ms):       %s  (materialises and interns the stacks)%n",
                Stats.of(first).format("%.1f"));
        out.printf(Locale.ROOT, "  parts (ms): the tables read and filtered by a KernelView that tracks nothing %s (read /proc/net/tcp %s, list"
                + " /proc/self/fd and readlink each %s); the agent's snapshot + correlation without a report %s%n",
                Stats.of(snapshot).format("%.1f"), Stats.of(tcp).format("%.1f"), Stats.of(fds).format("%.1f"),
                Stats.of(diagnose).format("%.1f"));
        return List.of(new Verdict("report with 10,000 sockets / tcp6 read", q.format("%.2f").split(" ")[0],
                "<= " + REPORT_TARGET_RATIO, q.median() <= REPORT_TARGET_RATIO));
    }

    /** Waits (full mode, up to 70 s) for TIME_WAIT rows left by earlier runs to expire. */
    private void awaitFewTimeWaits() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(70);
        int tw = timeWaitRows();
        if (tw <= TIME_WAIT_TOLERATED) {
            return;
        }
        if (settings.quick()) {
            out.println("  note: " + tw + " TIME_WAIT rows from earlier runs are in the tables (not waited for in"
                    + " the quick mode)");
            return;
        }
        out.println("  waiting for " + tw + " TIME_WAIT rows from earlier runs to expire (up to 70 s)");
        out.flush();
        while (tw > TIME_WAIT_TOLERATED && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            tw = timeWaitRows();
        }
    }

    /** All rows of /proc/net/tcp and tcp6 of this network namespace. */
    static int tcpRows() {
        return ProcNetTcp.read().size();
    }

    /** TIME_WAIT rows in /proc/net/tcp and tcp6 of this network namespace. */
    static int timeWaitRows() {
        return ProcNetTcp.read(r -> r.state() == ProcNetTcp.TIME_WAIT).size();
    }

    /** The load averages and, where the kernel has it, the CPU pressure (share of time tasks waited for a CPU). */
    static String load() {
        String s;
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            s = "load average " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            s += ", cpu pressure " + some.replace("some ", "").replaceAll(" total=\\d+", "");
        } catch (IOException | RuntimeException e) {
            // no PSI
        }
        return s;
    }

    // ---------------------------------------------------------------- attach

    private List<Verdict> attach() throws Exception {
        int rounds = settings.attachRounds();
        Path noop = noopAgentJar();
        out.println();
        out.printf(Locale.ROOT, "attach: VirtualMachine.attach + loadAgent + detach from this JVM into a child that"
                + " has used java.net, NIO and async sockets; %d round%s, each also with a no-op agent%n",
                rounds, rounds == 1 ? "" : "s");
        if (!settings.quick()) {
            attachOnce(noop, ""); // warms the attach code in this JVM; not counted
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean real : order(round)) {
                Map<String, Double> t = attachOnce(real ? settings.agentJar() : noop, real ? agentOptions() : "");
                String prefix = real ? "" : "noop.";
                t.forEach((k, v) -> times.computeIfAbsent(prefix + k, x -> new ArrayList<>()).add(v));
            }
            progress("attach round " + (round + 1) + "/" + rounds);
        }
        Function<String, Stats> s = k -> Stats.of(times.get(k));
        out.printf(Locale.ROOT, "  sockleak: attach %s ms, loadAgent %s ms, detach %s ms%n",
                s.apply("attach").format("%.0f"), s.apply("load").format("%.0f"), s.apply("detach").format("%.0f"));
        out.printf(Locale.ROOT, "            total %s ms%n", s.apply("total").format("%.0f"));
        out.printf(Locale.ROOT, "  no-op:    attach %s ms, loadAgent %s ms, total %s ms%n",
                s.apply("noop.attach").format("%.0f"), s.apply("noop.load").format("%.0f"),
                s.apply("noop.total").format("%.0f"));
        out.printf(Locale.ROOT, "  the agent's own start (loadAgent sockleak - no-op, medians): %.0f ms%n",
                s.apply("load").median() - s.apply("noop.load").median());
        Stats total = s.apply("total");
        return List.of(new Verdict("attach + retransform, end to end (ms)", total.format("%.0f").split(" ")[0],
                "<= " + (int) ATTACH_TARGET_MS, total.median() <= ATTACH_TARGET_MS));
    }

    private Map<String, Double> attachOnce(Path jar, String options) throws Exception {
        int n = ++childCount;
        List<String> command = childCommand(false, "attach-target");
        command.add(1, "-XX:+EnableDynamicAgentLoading");
        Path stderr = work.resolve("child-" + n + "-attach.err");
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            if (ready == null || !ready.startsWith(BenchChild.READY)) {
                throw new IllegalStateException("attach target did not start: " + ready + tail(stderr));
            }
            String pid = ready.substring(BenchChild.READY.length()).trim();
            long t0 = System.nanoTime();
            VirtualMachine vm = VirtualMachine.attach(pid);
            long t1 = System.nanoTime();
            vm.loadAgent(jar.toString(), options);
            long t2 = System.nanoTime();
            vm.detach();
            long t3 = System.nanoTime();
            OutputStream in = p.getOutputStream();
            in.write("check\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            Map<String, String> r = resultOf(lines, stderr);
            waitFor(p, 60);
            boolean real = jar.equals(settings.agentJar());
            if (real && (!"on".equals(r.get("agent")) || Integer.parseInt(r.get("tracked")) < 4)) {
                throw new IllegalStateException("after attaching, the agent does not track new sockets: " + r
                        + tail(stderr));
            }
            Map<String, Double> t = new LinkedHashMap<>();
            t.put("attach", (t1 - t0) / 1e6);
            t.put("load", (t2 - t1) / 1e6);
            t.put("detach", (t3 - t2) / 1e6);
            t.put("total", (t3 - t0) / 1e6);
            return t;
        } finally {
            p.destroyForcibly();
        }
    }

    /** A jar holding only {@link NoopAgent}, with an Agent-Class manifest. */
    private Path noopAgentJar() throws IOException {
        Path jar = work.resolve("noop-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Agent-Class"), NoopAgent.class.getName());
        manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
        String entry = NoopAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jarOut = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream bytes = NoopAgent.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            bytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }

    // ---------------------------------------------------------------- children

    /** Without the agent first in even rounds, with it first in odd ones. */
    private static boolean[] order(int round) {
        return round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
    }

    private String agentOptions() {
        Path reports = work.resolve("reports");
        return "dir=" + reports + (settings.agentOptions().isEmpty() ? "" : "," + settings.agentOptions());
    }

    private List<String> childCommand(boolean withAgent, String workload, String... args) {
        List<String> command = new ArrayList<>();
        command.add(settings.java().toString());
        command.addAll(CHILD_FLAGS);
        if (withAgent) {
            command.add("-javaagent:" + settings.agentJar() + "=" + agentOptions());
        }
        command.add("-cp");
        command.add(settings.classPath().toString());
        command.add(BenchChild.class.getName());
        command.add(workload);
        command.addAll(Arrays.asList(args));
        return command;
    }

    private Map<String, String> runChild(boolean withAgent, String workload, String... args) throws Exception {
        int n = ++childCount;
        Path stderr = work.resolve("child-" + n + "-" + workload + (withAgent ? "-agent" : "-bare") + ".err");
        Process p = new ProcessBuilder(childCommand(withAgent, workload, args)).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try {
            p.getOutputStream().close();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> r = resultOf(lines, stderr);
            waitFor(p, 120);
            String expected = withAgent ? "on" : "off";
            if (!expected.equals(r.get("agent"))) {
                throw new IllegalStateException(workload + ": agent expected " + expected + ", child says " + r
                        + tail(stderr));
            }
            if (withAgent && r.containsKey("agentErrors") && !r.get("agentErrors").equals("0")) {
                throw new IllegalStateException(workload + ": the agent counted errors: " + r + tail(stderr));
            }
            return r;
        } finally {
            p.destroyForcibly();
        }
    }

    private static Map<String, String> resultOf(BufferedReader lines, Path stderr) throws IOException {
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith(BenchChild.RESULT_PREFIX)) {
                Map<String, String> r = new LinkedHashMap<>();
                for (String kv : line.substring(BenchChild.RESULT_PREFIX.length()).split(" ")) {
                    int eq = kv.indexOf('=');
                    r.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                if (r.containsKey("error")) {
                    throw new IllegalStateException("child failed: " + r.get("error") + tail(stderr));
                }
                return r;
            }
        }
        throw new IllegalStateException("child gave no result" + tail(stderr));
    }

    private static void waitFor(Process p, int seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child did not exit within " + seconds + " s");
        }
    }

    private static String tail(Path stderr) {
        try {
            List<String> all = Files.readAllLines(stderr);
            return "\n  child stderr:\n    " + String.join("\n    ", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void progress(String step) {
        System.err.println("  .. " + step);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
