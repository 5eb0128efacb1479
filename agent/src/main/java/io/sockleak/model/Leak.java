package io.sockleak.model;

import java.util.List;

/**
 * One leaked socket. {@code kind}: CLOSE_WAIT, COLLECTED_OPEN or UNTRACKED; {@code origin}: accepted,
 * connected or unknown; {@code api}: socket, channel, async or unknown; {@code evidence}: why it is a
 * leak (CLOSE_WAIT_AGED, READ_EOF_KEPT, BORROWED_NOT_RETURNED, OPEN_AT_EXIT, COLLECTED_OPEN);
 * {@code frame}: the application's frame, {@code libraryFrame}: the library frame that called the JDK;
 * {@code pool} and {@code borrow*}: the pool that lent the connection and who borrowed it;
 * {@code requestThread} and {@code openStack}: when a library opened the socket on a thread of its own
 * ({@code thread}) for a call of the application, the calling thread (whose stack {@code stack} is) and
 * the opening thread's own stack; {@code openedBy}: the library that opened it on its own thread;
 * {@code stackSampled}: true when this socket's own stack was not captured (a key that opens sockets
 * fast, whose captured stacks all named one line) and {@code stack}, {@code site} and {@code frame} are
 * those of the key's sample.
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
        String collectedAt,
        String evidence,
        String frame,
        String libraryFrame,
        String pool,
        String borrowedAt,
        String borrowThread,
        List<String> borrowStack,
        String borrowFrame,
        String requestThread,
        List<String> openStack,
        String openedBy,
        boolean stackSampled) {

    public Leak {
        stack = LeakReport.listOrEmpty(stack);
        borrowStack = LeakReport.listOrEmpty(borrowStack);
        openStack = LeakReport.listOrEmpty(openStack);
    }
}
