package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Lists a /proc/[pid]/fd directory: which fds are sockets, and with which inode. */
final class ProcFdReader {

    private static final String SOCKET_PREFIX = "socket:[";

    private ProcFdReader() {
    }

    record Listing(Map<Integer, Long> socketInodeByFd, int openFds) {
    }

    static Listing read(Path fdDir) throws IOException {
        return read(fdDir, Map.of());
    }

    /**
     * Reads the link of every entry except those whose socket inode {@code known} gives. Entries gone
     * before their link could be read are skipped. The descriptors this listing itself holds on the
     * directory (links to the directory's real path) are not counted.
     */
    static Listing read(Path fdDir, Map<Integer, Long> known) throws IOException {
        String self = realPathOrNull(fdDir);
        Map<Integer, Long> sockets = new HashMap<>(Math.max(16, known.size() * 2));
        int open = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
            for (Path entry : entries) {
                int fd = fdNumber(entry.getFileName().toString());
                if (fd < 0) {
                    continue;
                }
                Long knownInode = known.get(fd);
                if (knownInode != null) {
                    open++;
                    sockets.put(fd, knownInode);
                    continue;
                }
                String target;
                try {
                    target = Files.readSymbolicLink(entry).toString();
                } catch (NoSuchFileException vanished) {
                    continue;
                } catch (IOException | UnsupportedOperationException unreadable) {
                    open++;
                    continue;
                }
                if (target.equals(self)) {
                    continue;
                }
                open++;
                long inode = socketInode(target);
                if (inode >= 0) {
                    sockets.put(fd, inode);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return new Listing(sockets, open);
    }

    /** The number of descriptor entries, links not read. */
    static int countEntries(Path fdDir) throws IOException {
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
            for (Path entry : entries) {
                if (fdNumber(entry.getFileName().toString()) >= 0) {
                    count++;
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return count;
    }

    /** The inode of the socket open at {@code fd}, or -1 when it is closed or not a socket. */
    static long socketInodeAt(Path fdDir, int fd) {
        try {
            return socketInode(Files.readSymbolicLink(fdDir.resolve(Integer.toString(fd))).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The inode of a {@code socket:[inode]} link target, or -1. */
    static long socketInode(String linkTarget) {
        return linkTarget.startsWith(SOCKET_PREFIX) && linkTarget.endsWith("]")
                ? Decimals.parse(linkTarget, SOCKET_PREFIX.length(), linkTarget.length() - 1, 18)
                : -1;
    }

    /** The fd number an entry name stands for, or -1. */
    static int fdNumber(String name) {
        return (int) Decimals.parse(name, 0, name.length(), 9);
    }

    private static String realPathOrNull(Path dir) {
        try {
            return dir.toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
