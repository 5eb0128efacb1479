package io.sockleak.cli.analyse;

import java.util.List;

/** Picks the frames worth showing from a recorded stack. */
final class Frames {

    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private Frames() {
    }

    /** The site's own {@code frame} when the agent recorded one, else the first non-JDK frame of the stack. */
    static String applicationFrame(String frame, List<String> stack) {
        if (frame != null && !frame.isBlank()) {
            return frame;
        }
        for (String element : stack) {
            if (element != null && !isJdk(element)) {
                return element;
            }
        }
        return stack.isEmpty() ? null : stack.get(0);
    }

    /**
     * Up to {@code depth} frames, starting at the application frame when the stack contains it: the JDK
     * frames above it say little about which code leaked.
     */
    static List<String> shortStack(String frame, List<String> stack, int depth) {
        int start = frame == null ? -1 : stack.indexOf(frame);
        List<String> from = start < 0 ? stack : stack.subList(start, stack.size());
        return List.copyOf(from.subList(0, Math.min(depth, from.size())).stream()
                .map(f -> f == null ? "?" : f).toList());
    }

    /**
     * Fits a frame into {@code width} columns by shortening package names to their first letter, leftmost
     * first ({@code c.e.http.Client.fetch(Client.java:42)}): class, method and line stay readable.
     */
    static String fit(String frame, int width) {
        if (frame == null || frame.length() <= width) {
            return frame;
        }
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        String location = paren < 0 ? "" : frame.substring(paren);
        String[] parts = qualified.split("\\.", -1);
        // The last two parts are class and method; only the package parts before them are shortened.
        for (int i = 0; i < parts.length - 2; i++) {
            if (!parts[i].isEmpty()) {
                parts[i] = parts[i].substring(0, 1);
            }
            String shortened = String.join(".", parts) + location;
            if (shortened.length() <= width) {
                return shortened;
            }
        }
        return Text.fitLeft(String.join(".", parts) + location, width);
    }

    private static boolean isJdk(String element) {
        String trimmed = element.strip();
        if (trimmed.startsWith("at ")) {
            trimmed = trimmed.substring(3);
        }
        for (String prefix : JDK_PREFIXES) {
            if (trimmed.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
