package io.sockleak.e2e.safety;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a child JVM printed on stderr, as the agent's lines. */
final class Stderr {

    private Stderr() {
    }

    static List<String> lines(String stderr) {
        return stderr.lines().toList();
    }

    /** Every line is one of the agent's, and none is part of a stack trace. */
    static void assertOnlyAgentLinesAndNoStackTraces(String stderr) {
        for (String line : lines(stderr)) {
            assertTrue(line.startsWith("sockleak: "), () -> "not an agent line: '" + line + "'\n" + stderr);
            assertFalse(line.contains("Exception in thread") || line.startsWith("\tat ") || line.startsWith("Caused by"),
                    () -> "stack trace on stderr:\n" + stderr);
        }
    }

    static long count(String stderr, String prefix) {
        return lines(stderr).stream().filter(l -> l.startsWith(prefix)).count();
    }
}
