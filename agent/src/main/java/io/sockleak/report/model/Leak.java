package io.sockleak.report.model;

import java.util.List;

/**
 * One leaked socket. {@code kind}: CLOSE_WAIT, COLLECTED_OPEN or UNTRACKED; {@code origin}: accepted,
 * connected or unknown; {@code api}: socket, channel, async or unknown.
 */
public record Leak(
        String kind,
        String origin,
        String api,
        String local,
        String remote,
        Integer fd,
        Long inode,
        String state,
        String openedAt,
        String thread,
        List<String> stack,
        String site,
        String closeWaitSince,
        Long closeWaitSeconds,
        String collectedAt) {

    public Leak {
        stack = LeakReport.listOrEmpty(stack);
    }
}
