package io.sockleak.track;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a captured stack into what a person reads: the agent's own frames removed, starting at the
 * JDK method the application (or its library) called, at most {@code depth} frames.
 */
public final class StackTrimmer {

    /** The agent's classes on the capture path: the only agent frames a captured stack can start with. */
    private static final Set<String> CAPTURING_CLASSES =
            Set.of("io.sockleak.track.SocketTracker", "io.sockleak.track.HandoffLedger",
                    "io.sockleak.track.StackSampler", "io.sockleak.track.SiteSample",
                    "io.sockleak.track.Cause", "io.sockleak.bootstrap.SocketEvents");

    private final int depth;
    private final Set<String> capturingClasses;

    public StackTrimmer(int depth) {
        this(depth, Set.of());
    }

    /** For stacks captured elsewhere too: {@code alsoCapturing} names those top-level classes. */
    public StackTrimmer(int depth, Set<String> alsoCapturing) {
        this.depth = depth;
        Set<String> all = new HashSet<>(CAPTURING_CLASSES);
        all.addAll(alsoCapturing);
        this.capturingClasses = Set.copyOf(all);
    }

    private boolean isCapturing(String className) {
        int nested = className.indexOf('$');
        return capturingClasses.contains(nested < 0 ? className : className.substring(0, nested));
    }


    public List<StackTraceElement> trim(StackTraceElement[] raw) {
        int first = 0;
        while (first < raw.length && isCapturing(raw[first].getClassName())) {
            first++;
        }
        int caller = first;
        while (caller < raw.length && FrameRule.isJdk(raw[caller].getClassName())) {
            caller++;
        }
        int start = caller < raw.length && caller > first ? caller - 1 : first;
        int end = Math.min(raw.length, start + depth);
        List<StackTraceElement> trimmed = new ArrayList<>(Math.max(0, end - start));
        for (int i = start; i < end; i++) {
            trimmed.add(raw[i]);
        }
        return trimmed;
    }
}
