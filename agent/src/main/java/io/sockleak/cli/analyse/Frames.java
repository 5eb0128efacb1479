package io.sockleak.cli.analyse;

import java.util.Arrays;
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

    /** The first {@code depth} frames: the agent trims stacks to start at the JDK method the code called. */
    static List<String> shortStack(List<String> stack, int depth) {
        return stack.subList(0, Math.min(depth, stack.size())).stream().map(f -> f == null ? "?" : f).toList();
    }

    /**
     * Fits a frame into {@code width} columns, keeping class, method and line readable: package names
     * shortened to their first letter, leftmost first ({@code c.e.http.Client.fetch(Client.java:42)}), then
     * without package ({@code Client.fetch(Client.java:42)}), then without file ({@code Client.fetch:42}).
     */
    static String fit(String frame, int width) {
        if (frame == null || frame.length() <= width) {
            return frame;
        }
        int paren = frame.indexOf('(');
        String qualified = qualifiedName(frame);
        String location = paren < 0 ? "" : frame.substring(paren);
        if (qualified.length() + location.length() <= width) {
            return qualified + location;
        }
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
        String classAndMethod = String.join(".", Arrays.copyOfRange(parts, Math.max(0, parts.length - 2),
                parts.length));
        if (classAndMethod.length() + location.length() <= width) {
            return classAndMethod + location;
        }
        int colon = location.lastIndexOf(':');
        String line = colon < 0 ? "" : location.substring(colon).replace(")", "");
        return Text.fitLeft(classAndMethod + line, width);
    }

    /**
     * {@code package.Class.method} of a frame: without its location, nor the "module@version/" or
     * "loader/module/" that StackTraceElement.toString() may lead with.
     */
    private static String qualifiedName(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        return qualified.substring(qualified.lastIndexOf('/') + 1);
    }

    private static boolean isJdk(String element) {
        String trimmed = qualifiedName(element).strip();
        for (String prefix : JDK_PREFIXES) {
            if (trimmed.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
