package io.sockleak.cli.analyse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formatting for 80-column pages. */
public final class Text {

    static final int WIDTH = 80;

    private Text() {
    }

    /** Cuts from the left so the end (class, method, line) stays visible. */
    static String fitLeft(String text, int width) {
        if (text == null) {
            return "";
        }
        if (text.length() <= width) {
            return text;
        }
        if (width <= 3) {
            return text.substring(text.length() - Math.max(width, 0));
        }
        return "..." + text.substring(text.length() - (width - 3));
    }

    /** Cuts from the right, for ids and addresses whose start matters. */
    static String fitRight(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, Math.max(width, 0));
    }

    static String signed(int change) {
        return change > 0 ? "+" + change : Integer.toString(change);
    }

    static String rate(Double perHour) {
        if (perHour == null) {
            return "n/a";
        }
        if (perHour == 0) {
            return "0.00";
        }
        // Fewer decimals as the rate grows, so that it keeps to its column.
        String format = Math.abs(perHour) >= 1000 ? "%+.0f" : Math.abs(perHour) >= 100 ? "%+.1f" : "%+.2f";
        return String.format(Locale.ROOT, format, perHour);
    }

    static String hours(double hours) {
        return String.format(Locale.ROOT, "%.2f h", hours);
    }

    public static String orDash(Object value) {
        return value == null || value.toString().isBlank() ? "-" : value.toString();
    }

    public static String plural(int count, String singular, String pluralForm) {
        return count + " " + (count == 1 ? singular : pluralForm);
    }

    /** Word-wraps {@code text}: the first line after {@code firstPrefix}, the others after {@code indent}. */
    static List<String> wrap(String firstPrefix, String indent, String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstPrefix);
        boolean lineHasWord = false;
        for (String word : text.split(" ")) {
            if (lineHasWord && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                lineHasWord = false;
            }
            if (lineHasWord) {
                line.append(' ');
            }
            line.append(word);
            lineHasWord = true;
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * Lays out unbreakable {@code tokens} (frames, "via ..." and "[site ...]" pieces) after {@code firstPrefix},
     * continuing on lines that start with {@code indent}: a token is never cut; one longer than a line has it
     * to itself. A first token that does not fit after the prefix goes on a continuation line when that one is
     * shorter than the prefix (so that the prefix of a table row keeps its columns).
     */
    static List<String> wrapTokens(String firstPrefix, String indent, List<String> tokens, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstPrefix);
        boolean lineHasToken = false;
        for (String token : tokens) {
            boolean fits = line.length() + (lineHasToken ? 1 : 0) + token.length() <= width;
            if (!fits && (lineHasToken || indent.length() < line.length())) {
                lines.add(stripEnd(line.toString()));
                line = new StringBuilder(indent);
                lineHasToken = false;
            }
            if (lineHasToken) {
                line.append(' ');
            }
            line.append(token);
            lineHasToken = true;
        }
        lines.add(stripEnd(line.toString()));
        return lines;
    }

    private static String stripEnd(String text) {
        return text.stripTrailing();
    }
}
