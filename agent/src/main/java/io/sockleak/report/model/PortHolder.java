package io.sockleak.report.model;

import java.util.List;

/**
 * What held a port when a bind failed. {@code owner}: this-jvm, other-process or none (kernel-owned,
 * as TIME_WAIT is); {@code secondsLeft}: for TIME_WAIT, the longest time left until the kernel frees it.
 */
public record PortHolder(
        String state,
        String owner,
        Long pid,
        int count,
        String local,
        Double secondsLeft,
        List<String> stack) {

    public PortHolder {
        stack = LeakReport.listOrEmpty(stack);
    }
}
