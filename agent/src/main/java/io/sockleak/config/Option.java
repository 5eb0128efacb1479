package io.sockleak.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The agent's options, one row each: the one place a key is spelled. Each row holds how a value is
 * parsed and checked, its default, how it is printed back, what changing it in a running agent does,
 * and what it costs. docs/options.md's table is this table ({@code OptionTableDocsTest} compares them).
 */
public enum Option {

    DIR("dir", "path", Values.path("sockleak-reports"), "`sockleak-reports`", "any valid path",
            Values::path, AgentOptions::dir, WhileRunning.RESTARTS_MONITOR,
            "Folder for report files.", "none until a report is written"),
    INTERVAL("interval", "duration", Duration.ZERO, "`off`", "`off`, 100ms to 7 days",
            v -> Values.duration(v, true), AgentOptions::interval, WhileRunning.RESTARTS_MONITOR,
            "Write a report every interval.", "one report (a /proc read and a file) per interval"),
    THRESHOLD("threshold", "integer", 0, "`0` (off)", "0 to 10,000,000",
            v -> Values.integer(v, 0, Values.MAX_TRACKED), AgentOptions::threshold, WhileRunning.RESTARTS_MONITOR,
            "Write a report when the number of leaks reaches it.", "a /proc read at least every 2 s while set"),
    STACK_DEPTH("stackDepth", "integer", 64, "`64`", "0 to 1024",
            v -> Values.integer(v, 0, Values.MAX_STACK_DEPTH), AgentOptions::stackDepth, WhileRunning.NEEDS_RESTART,
            "Frames kept per allocation stack; 0: no stacks.", "heap per socket until its stack is interned"),
    STACK_SAMPLING("stackSampling", "boolean", true, "`true`", "`true`/`false` (`on`/`off`, `yes`/`no`)",
            Values::bool, AgentOptions::stackSampling, WhileRunning.NEEDS_RESTART,
            "Once a site opens sockets fast and its stacks agree, capture one stack in 16 to 1,024 of its sockets"
                    + " (counts stay exact, every leak still names its line); `false`: a stack for every socket.",
            "`false`: a whole-stack walk per socket, in proportion to the thread's depth"),
    MAX_TRACKED("maxTracked", "integer", 100_000, "`100000`", "1 to 10,000,000",
            v -> Values.integer(v, 1, Values.MAX_TRACKED), AgentOptions::maxTracked, WhileRunning.AT_ONCE,
            "Most sockets and listeners tracked at once.", "bounds the registry's heap"),
    SCAN_INTERVAL("scanInterval", "duration", Duration.ofSeconds(10), "`10s`", "`off`, 100ms to 7 days",
            v -> Values.duration(v, true), AgentOptions::scanInterval, WhileRunning.RESTARTS_MONITOR,
            "How often /proc is read between reports, to time CLOSE_WAIT; stretched to stay under 0.5 % of a core.",
            "one /proc read per scan"),
    SUMMARY("summary", "boolean", true, "`true`", "`true`/`false` (`on`/`off`, `yes`/`no`)",
            Values::bool, AgentOptions::summary, WhileRunning.AT_ONCE,
            "Print the short summary on stderr at exit.", "none"),
    PROC_ROOT("procRoot", "path", Path.of("/proc"), "`/proc`", "any valid path",
            Values::path, AgentOptions::procRoot, WhileRunning.NEEDS_RESTART,
            "Where the kernel view is read.", "none"),
    SHUTDOWN_TIMEOUT("shutdownTimeout", "duration", Duration.ofSeconds(5), "`5s`", "100ms to 1 minute (not `off`)",
            v -> Values.duration(v, false, Values.MAX_SHUTDOWN_TIMEOUT), AgentOptions::shutdownTimeout,
            WhileRunning.NEEDS_RESTART, "How long the JVM's exit waits for the shutdown report.",
            "at most this much added to the JVM's exit"),
    FAILURE_REPORT_GAP("failureReportGap", "duration", Duration.ofSeconds(10), "`10s`", "`off`, 100ms to 7 days",
            v -> Values.duration(v, true), AgentOptions::failureReportGap, WhileRunning.NEEDS_RESTART,
            "Least time between two \"Too many open files\" reports, and between two explanations of the same"
                    + " failed bind.", "bounds the reports a failure storm writes"),
    MIN_CLOSE_WAIT("minCloseWait", "duration", AgentOptions.DEFAULT_MIN_CLOSE_WAIT, "`10s`",
            "`0` (`off`), 100ms to 7 days", v -> Values.duration(v, true), AgentOptions::minCloseWait,
            WhileRunning.AT_ONCE, "How long a socket must sit in CLOSE_WAIT before that alone makes it a leak;"
                    + " younger ones are counted as `young`. `0`: decide at first sight.", "none"),
    APP_PACKAGES("appPackages", "package prefixes separated by `:`", List.of(), "none (the built-in rule)",
            "Java package names", Values::packages, AgentOptions::appPackages, WhileRunning.NEEDS_RESTART,
            "Your code's packages: the application's `frame` of every stack is the first frame in one of them.",
            "none");

    /** What a second attach that names the option does to a running agent. */
    public enum WhileRunning {
        /** Read at each use: takes effect at once. */
        AT_ONCE,
        /** The monitor thread is restarted with the new schedule or folder. */
        RESTARTS_MONITOR,
        /** Fixed at start (instrumentation, threads or records depend on it): stop, then attach again. */
        NEEDS_RESTART;

        public boolean changeable() {
            return this != NEEDS_RESTART;
        }
    }

    private final String key;
    private final String type;
    private final Object defaultValue;
    private final String defaultText;
    private final String range;
    private final Function<String, Object> parser;
    private final Function<AgentOptions, Object> reader;
    private final WhileRunning whileRunning;
    private final String description;
    private final String cost;

    Option(String key, String type, Object defaultValue, String defaultText, String range,
           Function<String, Object> parser, Function<AgentOptions, Object> reader, WhileRunning whileRunning,
           String description, String cost) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.range = range;
        this.parser = parser;
        this.reader = reader;
        this.whileRunning = whileRunning;
        this.description = description;
        this.cost = cost;
    }

    /** Every key, in the table's order: for usage lines and "did you mean". */
    public static final List<String> KEYS = java.util.Arrays.stream(values()).map(Option::key).toList();

    /** The option named {@code key} (case-sensitive), or null. */
    public static Option byKey(String key) {
        for (Option option : values()) {
            if (option.key.equals(key)) {
                return option;
            }
        }
        return null;
    }

    public String key() {
        return key;
    }

    Object defaultValue() {
        return defaultValue;
    }

    /** Parses and checks a value; throws IllegalArgumentException with the reason. */
    Object parse(String value) {
        return parser.apply(value);
    }

    public WhileRunning whileRunning() {
        return whileRunning;
    }

    /** This option's value in {@code options}, as a person would write it ({@code dir} made absolute). */
    public String print(AgentOptions options) {
        Object value = reader.apply(options);
        if (this == DIR) {
            value = ((Path) value).toAbsolutePath();
        }
        return Values.print(value);
    }

    /** The row of docs/options.md's table. */
    public String docsRow() {
        return "| [`" + key + "`](#" + key.toLowerCase(java.util.Locale.ROOT) + ") | " + type + " | " + defaultText
                + " | " + range + " | " + description + " | " + (whileRunning.changeable() ? "yes" : "no")
                + " | " + cost + " |";
    }
}
