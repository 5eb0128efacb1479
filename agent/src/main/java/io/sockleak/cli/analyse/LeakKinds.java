package io.sockleak.cli.analyse;

import io.sockleak.report.model.Leak;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The values of {@code leaks[].kind} and {@code leaks[].evidence}, and how the pages name them. A schema-1
 * report's leaks have no evidence: their kind stands in for it.
 */
final class LeakKinds {

    static final String CLOSE_WAIT = "CLOSE_WAIT";
    static final String COLLECTED_OPEN = "COLLECTED_OPEN";
    static final String UNTRACKED = "UNTRACKED";

    static final String CLOSE_WAIT_AGED = "CLOSE_WAIT_AGED";
    static final String READ_EOF_KEPT = "READ_EOF_KEPT";
    static final String BORROWED_NOT_RETURNED = "BORROWED_NOT_RETURNED";
    static final String OPEN_AT_EXIT = "OPEN_AT_EXIT";

    private LeakKinds() {
    }

    static String of(Leak leak) {
        return leak.kind() == null ? "UNKNOWN" : leak.kind().toUpperCase(Locale.ROOT);
    }

    /** Why the leak is one: its {@code evidence}, or (schema 1) its kind. */
    static String evidenceOf(Leak leak) {
        return leak.evidence() == null || leak.evidence().isBlank() ? of(leak)
                : leak.evidence().toUpperCase(Locale.ROOT);
    }

    static String label(String kind) {
        return switch (kind) {
            case CLOSE_WAIT -> "CLOSE_WAIT";
            case COLLECTED_OPEN -> "collected open";
            case UNTRACKED -> "untracked";
            default -> kind.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The evidence of {@code leaks} (all of one site, all with {@code evidence}, and for BORROWED_NOT_RETURNED
     * of one pool and borrow frame) in words: "CLOSE_WAIT for 12 s, seen by more than one look".
     */
    static String words(String evidence, List<Leak> leaks) {
        String closeWait = closeWaitFor(leaks);
        return switch (evidence) {
            case CLOSE_WAIT_AGED -> (closeWait == null ? "in CLOSE_WAIT" : closeWait) + ", seen by more than one look";
            case READ_EOF_KEPT -> "read end-of-stream and kept the socket"
                    + (closeWait == null ? "" : " (" + closeWait + ")");
            case BORROWED_NOT_RETURNED -> {
                Leak first = leaks.get(0);
                yield "borrowed from " + (first.pool() == null ? "a pool" : first.pool())
                        + (first.borrowFrame() == null ? "" : " at " + first.borrowFrame()) + " and not returned"
                        + (closeWait == null ? "" : " (" + closeWait + ")");
            }
            case OPEN_AT_EXIT -> "read its end-of-stream, open after the shutdown hooks";
            case COLLECTED_OPEN -> "garbage-collected while open";
            case CLOSE_WAIT -> closeWait == null ? "in CLOSE_WAIT" : closeWait;
            case UNTRACKED -> "in CLOSE_WAIT, never seen opened";
            default -> evidence.toLowerCase(Locale.ROOT);
        };
    }

    /** "CLOSE_WAIT for 12 s", or for several "CLOSE_WAIT for 10-14 s"; null when no time is known. */
    private static String closeWaitFor(List<Leak> leaks) {
        List<Long> seconds = leaks.stream().map(Leak::closeWaitSeconds).filter(Objects::nonNull).toList();
        if (seconds.isEmpty()) {
            return null;
        }
        long min = seconds.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = seconds.stream().mapToLong(Long::longValue).max().orElse(0);
        return "CLOSE_WAIT for " + (min == max ? min : min + "-" + max) + " s";
    }
}
