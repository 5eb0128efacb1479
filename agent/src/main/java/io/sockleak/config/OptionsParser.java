package io.sockleak.config;

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
 * that setting keeps its default, so the agent always starts with something sane.
 */
public final class OptionsParser {

    public static final List<String> KEYS = List.of("dir", "interval", "threshold", "stackDepth", "maxTracked",
            "scanInterval", "summary", "procRoot", "shutdownTimeout", "failureReportGap");

    private static final int MAX_STACK_DEPTH = 1024;
    private static final int MAX_TRACKED = 10_000_000;
    private static final Duration MAX_DURATION = Duration.ofDays(7);

    private OptionsParser() {
    }

    public static ParsedOptions parse(String text) {
        AgentOptions d = AgentOptions.defaults();
        Path dir = d.dir();
        Duration interval = d.interval();
        int threshold = d.threshold();
        int stackDepth = d.stackDepth();
        int maxTracked = d.maxTracked();
        Duration scanInterval = d.scanInterval();
        boolean summary = d.summary();
        Path procRoot = d.procRoot();
        Duration shutdownTimeout = d.shutdownTimeout();
        Duration failureReportGap = d.failureReportGap();

        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (text == null || text.isBlank()) {
            return new ParsedOptions(d, List.of());
        }
        String[] entries = text.split(",", -1);
        boolean strayComma = false;
        for (String raw : entries) {
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
                problems.add("unknown option '" + key + "' ignored (known: " + String.join(", ", KEYS) + ")");
                continue;
            }
            if (!seen.add(key)) {
                problems.add("option '" + key + "' given more than once; the last value wins");
            }
            if (value.isEmpty()) {
                problems.add("option '" + key + "' has an empty value; using the default");
                continue;
            }
            try {
                switch (key) {
                    case "dir" -> dir = path(value);
                    case "interval" -> interval = duration(value, true);
                    case "threshold" -> threshold = integer(value, 0, MAX_TRACKED);
                    case "stackDepth" -> stackDepth = integer(value, 0, MAX_STACK_DEPTH);
                    case "maxTracked" -> maxTracked = integer(value, 1, MAX_TRACKED);
                    case "scanInterval" -> scanInterval = duration(value, true);
                    case "summary" -> summary = bool(value);
                    case "procRoot" -> procRoot = path(value);
                    case "shutdownTimeout" -> shutdownTimeout = duration(value, false);
                    case "failureReportGap" -> failureReportGap = duration(value, true);
                    default -> throw new IllegalStateException(key);
                }
            } catch (IllegalArgumentException e) {
                problems.add("option " + key + "=" + value + ": " + e.getMessage() + "; using the default");
            }
        }
        if (strayComma) {
            problems.add("empty entries between commas in '" + text + "' ignored");
        }
        AgentOptions options = new AgentOptions(dir, interval, threshold, stackDepth, maxTracked, scanInterval,
                summary, procRoot, shutdownTimeout, failureReportGap);
        return new ParsedOptions(options, List.copyOf(problems));
    }

    static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path");
        }
    }

    static int integer(String value, int min, int max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
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

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}; a bare number is seconds; {@code off} or 0 disables. */
    static Duration duration(String value, boolean zeroAllowed) {
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
            throw new IllegalArgumentException("not a duration (examples: 500ms, 30s, 5m, 1h)");
        }
        long amount;
        try {
            amount = Long.parseLong(v.substring(0, unitStart));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (examples: 500ms, 30s, 5m, 1h)");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        Duration d;
        try {
            d = switch (v.substring(unitStart)) {
                case "ms" -> Duration.ofMillis(amount);
                case "", "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("unknown unit '" + v.substring(unitStart)
                        + "' (use ms, s, m or h)");
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too large (at most " + MAX_DURATION.toDays() + " days)");
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("too large (at most " + MAX_DURATION.toDays() + " days)");
        }
        if (d.isZero() && !zeroAllowed) {
            throw new IllegalArgumentException("must be greater than zero");
        }
        if (!d.isZero() && d.toMillis() < 100) {
            throw new IllegalArgumentException("too small (at least 100ms)");
        }
        return d;
    }
}
