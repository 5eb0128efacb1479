package io.sockleak.cli.analyse;

import io.sockleak.report.model.Leak;

import java.util.Locale;

/** The values of {@code leaks[].kind} and how the pages name them. */
final class LeakKinds {

    static final String CLOSE_WAIT = "CLOSE_WAIT";
    static final String COLLECTED_OPEN = "COLLECTED_OPEN";
    static final String UNTRACKED = "UNTRACKED";

    private LeakKinds() {
    }

    static String of(Leak leak) {
        return leak.kind() == null ? "UNKNOWN" : leak.kind().toUpperCase(Locale.ROOT);
    }

    static String label(String kind) {
        return switch (kind) {
            case CLOSE_WAIT -> "CLOSE_WAIT";
            case COLLECTED_OPEN -> "collected open";
            case UNTRACKED -> "untracked";
            default -> kind.toLowerCase(Locale.ROOT);
        };
    }
}
