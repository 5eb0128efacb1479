package io.sockleak.model;

import java.util.List;

/**
 * A connection idle in a pool whose peer closed it: not a leak. The pool drops it on its next borrow
 * or eviction; {@code advice} says which pool setting keeps it from happening.
 */
public record StalePooled(
        String pool,
        String local,
        String remote,
        Integer fd,
        Long inode,
        Long closeWaitSeconds,
        Long idleSeconds,
        String openedAt,
        String site,
        String frame,
        String libraryFrame,
        List<String> stack,
        String advice) {

    public StalePooled {
        stack = LeakReport.listOrEmpty(stack);
    }
}
