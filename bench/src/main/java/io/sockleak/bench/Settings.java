package io.sockleak.bench;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The command line of the benchmark, parsed. */
record Settings(boolean quick, int rounds, Path agentJar, String agentOptions, List<String> only, int depth,
                boolean keep, Path java, Path classPath, Long warmupOverride, Long measureOverride, Path results,
                int timeWaitRows) {

    /** Every workload, in the order they run ({@link BenchMain}). */
    static final List<String> ALL = List.of(ReportWorkload.NAME, HeapWorkload.NAME, AttachWorkload.NAME,
            TimeWaitWorkload.NAME, ChurnWorkload.NAME, DepthWorkload.NAME, PoolWorkload.NAME);

    /** Where a full run appends its line, from the repository root (where bench.sh runs it). */
    static final Path DEFAULT_RESULTS = Path.of("bench", "results.tsv");

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

    /** The same for both arms, so that only the agent differs. */
    static final List<String> CHILD_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

    static void usage(PrintStream s) {
        s.println("usage: java -jar bench/target/sockleak-bench.jar [options]   (./bench.sh: the same in a private"
                + " network namespace)");
        s.println("  --quick              smoke run, under a minute (1 round, short phases)");
        s.println("  --rounds N           rounds of alternated runs (default 3, quick 1; attach at least 5)");
        s.println("  --agent JAR          the agent (default agent/target/sockleak-agent.jar of this checkout)");
        s.println("  --agent-options OPTS extra agent options after dir=<temp dir> (default: none)");
        s.println("  --only LIST          any of " + String.join(",", ALL));
        s.println("  --depth N            extra stack frames under each churn thread's socket calls (default 0;"
                + " the depth workload runs 10, 60, 150 and 300)");
        s.println("  --timewait-rows N    TIME_WAIT rows the timewait workload makes on loopback (default 100000,"
                + " quick 20000)");
        s.println("  --results FILE       where a full run appends its line (default bench/results.tsv when that"
                + " folder exists; quick runs append nothing)");
        s.println("  --no-results         append nothing");
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
        Path results = Files.isDirectory(DEFAULT_RESULTS.getParent()) ? DEFAULT_RESULTS : null;
        boolean resultsGiven = false;
        Integer timeWaitRows = null;
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
                case "--results" -> {
                    results = Path.of(value(args, ++i, a));
                    resultsGiven = true;
                }
                case "--no-results" -> {
                    results = null;
                    resultsGiven = true;
                }
                case "--timewait-rows" -> timeWaitRows = positive(value(args, ++i, a), a);
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
        Path classPath = Path.of(Settings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (agent == null) {
            agent = findAgent(classPath);
        }
        if (!Files.isRegularFile(agent)) {
            throw new IllegalArgumentException("no agent jar at " + agent + " (build it: mvn -q -DskipTests package)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new Settings(quick, rounds != null ? rounds : quick ? 1 : 3, agent.toAbsolutePath(), agentOptions,
                only, depth, keep, java, classPath, warmup, measure, quick && !resultsGiven ? null : results,
                timeWaitRows != null ? timeWaitRows : quick ? 20_000 : 100_000);
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

    /** agent/target/sockleak-agent.jar in the working directory or above the bench jar. */
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
    }}
