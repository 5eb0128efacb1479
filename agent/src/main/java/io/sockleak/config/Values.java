package io.sockleak.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How option values are written: parsed and checked (IllegalArgumentException with the reason), and printed back. */
final class Values {

    static final int MAX_STACK_DEPTH = 1024;
    static final int MAX_TRACKED = 10_000_000;
    private static final Duration MAX_DURATION = Duration.ofDays(7);
    /** The JVM's exit waits at most this long for the shutdown report, whatever is asked. */
    static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofMinutes(1);
    private static final String DURATION_EXAMPLES = "not a duration (examples: 500ms, 30s, 5m, 1h)";

    private Values() {
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

    /** A value as a person would write it: durations in their largest whole unit, package lists with ':'. */
    static String print(Object value) {
        if (value instanceof Duration d) {
            return printDuration(d);
        }
        if (value instanceof List<?> list) {
            return String.join(":", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static String printDuration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "off";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
