package io.sockleak.model;

import java.util.List;

/**
 * A listening socket of this process, from the kernel's LISTEN rows, enriched with where it was
 * opened when the agent saw that.
 */
public record ListenerEntry(
        String local,
        int acceptQueue,
        Integer fd,
        Long inode,
        String api,
        String openedAt,
        String thread,
        List<String> stack,
        String site,
        List<UnacceptedConnection> unaccepted,
        String frame,
        String libraryFrame) {

    public ListenerEntry {
        stack = LeakReport.listOrEmpty(stack);
        unaccepted = LeakReport.listOrEmpty(unaccepted);
    }
}
