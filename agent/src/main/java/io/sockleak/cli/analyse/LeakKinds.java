package io.sockleak.cli.analyse;

import io.sockleak.model.Evidence;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakKind;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the pages name the values of {@code leaks[].kind} ({@link LeakKind}) and {@code leaks[].evidence}
 * ({@link Evidence}). A schema-1 report's leaks have no evidence: their kind stands in for it. Values
 * this CLI does not know (a newer agent's) are shown as they are, in lower case.
 */
public final class LeakKinds {

    static final String CLOSE_WAIT = LeakKind.CLOSE_WAIT.name();
    static final String COLLECTED_OPEN = LeakKind.COLLECTED_OPEN.name();
    static final String UNTRACKED = LeakKind.UNTRACKED.name();

    static final String CLOSE_WAIT_AGED = Evidence.CLOSE_WAIT_AGED.name();
    static final String READ_EOF_KEPT = Evidence.READ_EOF_KEPT.name();
    static final String BORROWED_NOT_RETURNED = Evidence.BORROWED_NOT_RETURNED.name();
    static final String OPEN_AT_EXIT = Evidence.OPEN_AT_EXIT.name();

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

    public static String label(String kind) {
        LeakKind known = known(LeakKind.class, kind);
        if (known == null) {
            return kind.toLowerCase(Locale.ROOT);
        }
        return switch (known) {
            case CLOSE_WAIT -> "CLOSE_WAIT";
            case COLLECTED_OPEN -> "collected open";
            case UNTRACKED -> "untracked";
        };
    }

    /**
     * The evidence of {@code leaks} (all of one site, all with {@code evidence}, and for BORROWED_NOT_RETURNED
     * of one pool and borrow frame) in words: "CLOSE_WAIT for 12 s, seen by more than one look".
     */
    static String words(String evidence, List<Leak> leaks) {
        String closeWait = closeWaitFor(leaks);
        Evidence known = known(Evidence.class, evidence);
        if (known != null) {
            return switch (known) {
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
            };
        }
        // A schema-1 leak: its kind stands in for the evidence.
        LeakKind kind = known(LeakKind.class, evidence);
        if (kind == LeakKind.CLOSE_WAIT) {
            return closeWait == null ? "in CLOSE_WAIT" : closeWait;
        }
        if (kind == LeakKind.UNTRACKED) {
            return "in CLOSE_WAIT, never seen opened";
        }
        return evidence.toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} named {@code value}, or null for a value this CLI does not know. */
    private static <E extends Enum<E>> E known(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        return null;
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
