package io.sockleak.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The overhead benchmark: runs each workload in child JVMs of this same Java, alternately without and
 * with {@code -javaagent:sockleak-agent.jar} (default settings), prints medians, min and max, and the
 * ratios against the targets, and appends one line per run to the results file. See
 * docs/performance.md; {@code ./bench.sh} runs it in a private network namespace.
 *
 * <pre>
 * java -jar bench/target/sockleak-bench.jar [--quick] [--rounds N] [--agent JAR] [--agent-options k=v,...]
 *      [--only report,heap,attach,timewait,churn,depth,pool] [--depth N] [--keep] [--results FILE]
 * </pre>
 */
public final class BenchMain {

    private final Bench bench;

    private BenchMain(Bench bench) {
        this.bench = bench;
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            Settings.usage(System.err);
            System.exit(2);
            return;
        }
        if (settings == null) {
            Settings.usage(System.out);
            return;
        }
        Path work = Files.createTempDirectory("sockleak-bench");
        int code;
        try {
            code = new BenchMain(new Bench(settings, System.out, work)).runAll();
        } finally {
            if (!settings.keep()) {
                deleteTree(work);
            } else {
                System.out.println("kept child output in " + work);
            }
        }
        System.exit(code);
    }

    /**
     * The workloads in this order: the report first, as churn (and, less, the attach targets) leave
     * TIME_WAIT rows in /proc/net/tcp6 for a minute, which the report and the raw read would both have
     * to list; the TIME_WAIT workload before the churns, which would fill the table with rows of their own.
     */
    private Workload workload(String name) {
        return switch (name) {
            case ReportWorkload.NAME -> new ReportWorkload(bench);
            case HeapWorkload.NAME -> new HeapWorkload(bench);
            case AttachWorkload.NAME -> new AttachWorkload(bench);
            case TimeWaitWorkload.NAME -> new TimeWaitWorkload(bench);
            case ChurnWorkload.NAME -> new ChurnWorkload(bench);
            case DepthWorkload.NAME -> new DepthWorkload(bench);
            case PoolWorkload.NAME -> new PoolWorkload(bench);
            default -> throw new IllegalStateException(name);
        };
    }

    private int runAll() throws Exception {
        Settings settings = bench.settings();
        PrintStream out = bench.out();
        long start = System.nanoTime();
        String loadAtStart = Machine.load();
        out.printf(Locale.ROOT, "sockleak bench: Java %s (%s), %d CPUs, %s mode, %d round%s%n",
                Runtime.version(), System.getProperty("java.home"), Runtime.getRuntime().availableProcessors(),
                settings.quick() ? "quick" : "full", settings.rounds(), settings.rounds() == 1 ? "" : "s");
        out.println("  agent: " + settings.agentJar() + " (options: dir=<temp dir>"
                + (settings.agentOptions().isEmpty() ? ", defaults otherwise" : "," + settings.agentOptions()) + ")");
        out.println("  child JVMs (both arms): " + String.join(" ", Settings.CHILD_FLAGS) + "; arms alternate, "
                + "the first arm alternating between rounds");
        out.println("  machine load at start: " + loadAtStart);
        String netns = System.getenv("SOCKLEAK_BENCH_NETNS");
        out.println("  network: " + (netns != null ? netns : "the shared network namespace (bench.sh makes a"
                + " private one)") + "; " + Machine.tcpRows() + " rows in /proc/net/tcp{,6} at start");
        out.flush();
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : Settings.ALL) {
            if (settings.only().contains(name)) {
                verdicts.addAll(workload(name).run());
            }
        }
        out.println();
        out.println("summary (targets of issues 4 and 16, default settings)");
        boolean allMet = true;
        for (Verdict v : verdicts) {
            out.printf(Locale.ROOT, "  %-52s %-22s %-14s %s%n", v.what(), v.value(), v.target(),
                    v.met() ? "met" : "MISSED");
            allMet &= v.met();
        }
        String loadAtEnd = Machine.load();
        out.printf(Locale.ROOT, "%d child JVMs in %.0f s; machine load at end: %s%n", bench.childCount(),
                (System.nanoTime() - start) / 1e9, loadAtEnd);
        if (settings.results() != null) {
            ResultsFile.append(settings.results(), settings, verdicts, loadAtStart, loadAtEnd, out);
        }
        return allMet ? 0 : 1;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
