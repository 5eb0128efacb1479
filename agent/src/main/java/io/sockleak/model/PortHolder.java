package io.sockleak.model;

import java.util.List;

/**
 * What held a port when a bind failed: kernel rows on that port grouped by state, owner, pid, local
 * address and stack. {@code owner}: this-jvm, other-process or none (kernel-owned, as TIME_WAIT is);
 * {@code pid}: the other process, when /proc lets this user see it; {@code secondsLeft}: for
 * TIME_WAIT (and orphaned FIN_WAIT2) rows, the longest time left until the kernel frees them;
 * {@code stack}: for this-jvm sockets the agent tracked, where they were opened.
 */
public record PortHolder(
        String state,
        String owner,
        Long pid,
        int count,
        String local,
        Double secondsLeft,
        List<String> stack,
        String frame) {

    // The {@link Owner} names, as constants so that code can switch on them (ReportSchemaTest keeps them equal).
    public static final String THIS_JVM = "this-jvm";
    public static final String OTHER_PROCESS = "other-process";
    public static final String NONE = "none";

    /** A holder whose application frame is not known (another process's, or the kernel's). */
    public PortHolder(String state, String owner, Long pid, int count, String local, Double secondsLeft,
                      List<String> stack) {
        this(state, owner, pid, count, local, secondsLeft, stack, null);
    }

    public PortHolder {
        stack = LeakReport.listOrEmpty(stack);
    }
}
