package io.sockleak.support;

import java.io.PrintStream;

/**
 * The agent's voice on the app's stderr: every line starts with "sockleak:" so it can be grepped, and
 * is one line (line breaks in what it names, an option value or an exception message, become spaces).
 */
public final class Console {

    private final PrintStream err;

    public Console(PrintStream err) {
        this.err = err;
    }

    public static Console stderr() {
        return new Console(System.err);
    }

    public void line(String text) {
        try {
            err.println("sockleak: " + oneLine(text));
        } catch (Throwable ignored) {
            // stderr closed or broken: the agent stays quiet rather than disturb the app
        }
    }

    static String oneLine(String text) {
        return text == null ? "null" : text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
