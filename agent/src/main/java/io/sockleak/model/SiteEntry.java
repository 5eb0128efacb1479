package io.sockleak.model;

import java.util.List;

/**
 * Sockets grouped by the stack that opened them. {@code site} is a stable hash of the stack, so the
 * same code gives the same id in every report and every run, on every JDK; {@code frame} is the
 * application's frame, {@code libraryFrame} the library frame that called the JDK (null when the
 * application called it itself).
 */
public record SiteEntry(String site, int count, String frame, String libraryFrame, List<String> stack) {

    public SiteEntry {
        stack = LeakReport.listOrEmpty(stack);
    }
}
