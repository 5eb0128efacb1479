package io.sockleak.config;

import io.sockleak.support.Spelling;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code key=value,key=value}. Never throws: a malformed entry becomes one problem line and
 * that setting has its default (also when an earlier entry for the same key was valid: the last entry
 * wins, and a malformed last entry means the default), so the agent always starts with something sane.
 * docs/guarantees.md lists every case.
 */
public final class OptionsParser {

    public static final List<String> KEYS = List.of("dir", "interval", "threshold", "stackDepth", "maxTracked",
            "scanInterval", "summary", "procRoot", "shutdownTimeout", "failureReportGap",
            "minCloseWait", "appPackages");

    private static final int MAX_STACK_DEPTH = 1024;
    private static final int MAX_TRACKED = 10_000_000;
    private static final Duration MAX_DURATION = Duration.ofDays(7);
    /** The JVM's exit waits at most this long for the shutdown report, whatever is asked. */
    static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofMinutes(1);
    private static final String DURATION_EXAMPLES = "not a duration (examples: 500ms, 30s, 5m, 1h)";

    private OptionsParser() {
    }

    public static ParsedOptions parse(String text) {
        if (text == null || text.isBlank()) {
            return new ParsedOptions(AgentOptions.defaults(), List.of());
        }
        Settings settings = new Settings();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean strayComma = false;
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                strayComma = true;
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                problems.add("option '" + entry + "' is not key=value; ignored");
                continue;
            }
            String key = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                problems.add("unknown option '" + key + "' ignored" + Spelling.didYouMean(key, KEYS) + " (known: "
                        + String.join(", ", KEYS) + ")");
                continue;
            }
            if (!seen.add(key)) {
                problems.add("option '" + key + "' given more than once; the last value wins");
            }
            if (value.isEmpty()) {
                settings.reset(key);
                problems.add("option '" + key + "' has an empty value; using the default");
                continue;
            }
            try {
                settings.set(key, value);
            } catch (IllegalArgumentException e) {
                settings.reset(key);
                problems.add("option " + key + "=" + value + ": " + e.getMessage() + "; using the default");
            }
        }
        if (strayComma) {
            problems.add("empty entries between commas in '" + text + "' ignored");
        }
        return new ParsedOptions(settings.options(), List.copyOf(problems));
    }

    /** The values being built; each key starts at, and can be put back to, its default. */
    private static final class Settings {
        private static final AgentOptions DEFAULTS = AgentOptions.defaults();

        private Path dir = DEFAULTS.dir();
        private Duration interval = DEFAULTS.interval();
        private int threshold = DEFAULTS.threshold();
        private int stackDepth = DEFAULTS.stackDepth();
        private int maxTracked = DEFAULTS.maxTracked();
        private Duration scanInterval = DEFAULTS.scanInterval();
        private boolean summary = DEFAULTS.summary();
        private Path procRoot = DEFAULTS.procRoot();
        private Duration shutdownTimeout = DEFAULTS.shutdownTimeout();
        private Duration failureReportGap = DEFAULTS.failureReportGap();
        private Duration minCloseWait = DEFAULTS.minCloseWait();
        private List<String> appPackages = DEFAULTS.appPackages();

        void set(String key, String value) {
            switch (key) {
                case "dir" -> dir = path(value);
                case "interval" -> interval = duration(value, true);
                case "threshold" -> threshold = integer(value, 0, MAX_TRACKED);
                case "stackDepth" -> stackDepth = integer(value, 0, MAX_STACK_DEPTH);
                case "maxTracked" -> maxTracked = integer(value, 1, MAX_TRACKED);
                case "scanInterval" -> scanInterval = duration(value, true);
                case "summary" -> summary = bool(value);
                case "procRoot" -> procRoot = path(value);
                case "shutdownTimeout" -> shutdownTimeout = duration(value, false, MAX_SHUTDOWN_TIMEOUT);
                case "failureReportGap" -> failureReportGap = duration(value, true);
                case "minCloseWait" -> minCloseWait = duration(value, true);
                case "appPackages" -> appPackages = packages(value);
                default -> throw new IllegalStateException(key);
            }
        }

        void reset(String key) {
            switch (key) {
                case "dir" -> dir = DEFAULTS.dir();
                case "interval" -> interval = DEFAULTS.interval();
                case "threshold" -> threshold = DEFAULTS.threshold();
                case "stackDepth" -> stackDepth = DEFAULTS.stackDepth();
                case "maxTracked" -> maxTracked = DEFAULTS.maxTracked();
                case "scanInterval" -> scanInterval = DEFAULTS.scanInterval();
                case "summary" -> summary = DEFAULTS.summary();
                case "procRoot" -> procRoot = DEFAULTS.procRoot();
                case "shutdownTimeout" -> shutdownTimeout = DEFAULTS.shutdownTimeout();
                case "failureReportGap" -> failureReportGap = DEFAULTS.failureReportGap();
                case "minCloseWait" -> minCloseWait = DEFAULTS.minCloseWait();
                case "appPackages" -> appPackages = DEFAULTS.appPackages();
                default -> throw new IllegalStateException(key);
            }
        }

        AgentOptions options() {
            return new AgentOptions(dir, interval, threshold, stackDepth, maxTracked, scanInterval, summary,
                    procRoot, shutdownTimeout, failureReportGap, minCloseWait, appPackages);
        }
    }

    /**
     * Package prefixes separated by ':' (commas separate options): {@code com.example:org.acme}. Each
     * must look like a Java package name.
     */
    static List<String> packages(String value) {
        List<String> packages = new ArrayList<>();
        for (String raw : value.split(":")) {
            String name = raw.trim();
            if (!name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
                throw new IllegalArgumentException("'" + name + "' is not a package name (separate packages with"
                        + " ':', e.g. appPackages=com.example:org.acme)");
            }
            packages.add(name);
        }
        return List.copyOf(packages);
    }

    static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path");
        }
    }

    static int integer(String value, int min, int max) {
        String digits = value.replace("_", "");
        long parsed;
        try {
            parsed = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            if (!digits.matches("[+-]?[0-9]+")) {
                throw new IllegalArgumentException("not a whole number");
            }
            parsed = digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // beyond a long: out of range
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return (int) parsed;
    }

    static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static Duration duration(String value, boolean zeroAllowed) {
        return duration(value, zeroAllowed, MAX_DURATION);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}; a bare number is seconds; {@code off} or 0 disables. */
    static Duration duration(String value, boolean zeroAllowed, Duration max) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            if (!zeroAllowed) {
                throw new IllegalArgumentException("cannot be off");
            }
            return Duration.ZERO;
        }
        int unitStart = 0;
        while (unitStart < v.length() && (Character.isDigit(v.charAt(unitStart)) || v.charAt(unitStart) == '-')) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException(DURATION_EXAMPLES);
        }
        String number = v.substring(0, unitStart);
        if (!number.matches("-?[0-9]+")) {
            throw new IllegalArgumentException(DURATION_EXAMPLES);
        }
        if (number.startsWith("-")) {
            throw new IllegalArgumentException("must not be negative");
        }
        String unit = v.substring(unitStart);
        if (!List.of("ms", "", "s", "m", "h").contains(unit)) {
            throw new IllegalArgumentException("unknown unit '" + unit + "' (use ms, s, m or h)");
        }
        Duration d;
        try {
            long amount = Long.parseLong(number);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            d = null; // more digits than a long, or more seconds than a Duration: too large either way
        }
        if (d == null || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("too large (at most " + text(max) + ")");
        }
        if (d.isZero() && !zeroAllowed) {
            throw new IllegalArgumentException("must be greater than zero");
        }
        if (!d.isZero() && d.toMillis() < 100) {
            throw new IllegalArgumentException("too small (at least 100ms)");
        }
        return d;
    }

    private static String text(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + " days";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.toSeconds() + "s";
    }
}
