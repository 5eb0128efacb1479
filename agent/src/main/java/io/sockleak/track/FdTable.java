package io.sockleak.track;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Live records indexed by descriptor number, like the kernel's own fd table: pages of 1024 slots
 * allocated on first use, no boxing, no hashing, no lock. A descriptor number names one open file
 * at a time, so the slot is unambiguous while the agent sees every release.
 */
final class FdTable {

    private static final int PAGE_BITS = 10;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    static final int MAX_FD = 1 << 22;

    private final AtomicReferenceArray<AtomicReferenceArray<SocketRecord>> pages =
            new AtomicReferenceArray<>(MAX_FD >>> PAGE_BITS);

    static boolean fits(int fd) {
        return fd >= 0 && fd < MAX_FD;
    }

    SocketRecord get(int fd) {
        AtomicReferenceArray<SocketRecord> page = pages.get(fd >>> PAGE_BITS);
        return page == null ? null : page.get(fd & (PAGE_SIZE - 1));
    }

    /** Stores the record and returns what the slot held before. */
    SocketRecord put(int fd, SocketRecord record) {
        return page(fd).getAndSet(fd & (PAGE_SIZE - 1), record);
    }

    SocketRecord remove(int fd) {
        AtomicReferenceArray<SocketRecord> page = pages.get(fd >>> PAGE_BITS);
        return page == null ? null : page.getAndSet(fd & (PAGE_SIZE - 1), null);
    }

    boolean remove(int fd, SocketRecord expected) {
        AtomicReferenceArray<SocketRecord> page = pages.get(fd >>> PAGE_BITS);
        return page != null && page.compareAndSet(fd & (PAGE_SIZE - 1), expected, null);
    }

    void forEach(Consumer<SocketRecord> action) {
        for (int p = 0; p < pages.length(); p++) {
            AtomicReferenceArray<SocketRecord> page = pages.get(p);
            if (page != null) {
                for (int i = 0; i < PAGE_SIZE; i++) {
                    SocketRecord r = page.get(i);
                    if (r != null) {
                        action.accept(r);
                    }
                }
            }
        }
    }

    private AtomicReferenceArray<SocketRecord> page(int fd) {
        int index = fd >>> PAGE_BITS;
        AtomicReferenceArray<SocketRecord> page = pages.get(index);
        if (page == null) {
            pages.compareAndSet(index, null, new AtomicReferenceArray<>(PAGE_SIZE));
            page = pages.get(index);
        }
        return page;
    }
}
