package io.sockleak.report.model;

import java.util.List;

/**
 * Sockets grouped by the stack that opened them. {@code site} is a stable hash of the stack, so the
 * same code gives the same id in every report and every run; {@code frame} is the first frame outside
 * the JDK and the agent.
 */
public record SiteEntry(String site, int count, String frame, List<String> stack) {

    public SiteEntry {
        stack = LeakReport.listOrEmpty(stack);
    }
}
