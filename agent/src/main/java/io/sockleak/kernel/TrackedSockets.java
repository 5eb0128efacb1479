package io.sockleak.kernel;

/**
 * The descriptors the agent tracks, with the socket inode of each once it has been read: a snapshot
 * reads only the links it does not know (reading a link in /proc/self/fd costs the kernel ~5 µs).
 */
@FunctionalInterface
public interface TrackedSockets {

    TrackedSockets NONE = each -> { };

    @FunctionalInterface
    interface Each {
        /** {@code inode} is 0 when not known yet. */
        void socket(int fd, long inode);
    }

    void forEach(Each each);
}
