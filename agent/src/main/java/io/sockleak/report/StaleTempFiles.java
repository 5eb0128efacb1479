package io.sockleak.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Removes the temp files that JVMs killed in the middle of a report left in a report folder
 * ({@code .sockleak-<pid>-<n>.tmp}): those of processes no longer running, and this process's own (its
 * pid was a dead JVM's before). Only regular files of this user, never through a link; never throws.
 */
final class StaleTempFiles {

    private StaleTempFiles() {
    }

    /** Returns how many were removed. */
    static int removeIn(Path dir, String prefix, String suffix) {
        int removed = 0;
        Object self = ReportFolderCheck.currentUid();
        long ownPid = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*" + suffix)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString(), prefix, suffix);
                if (pid <= 0 || (pid != ownPid && ProcessHandle.of(pid).isPresent())) {
                    continue; // another JVM may be writing it right now
                }
                try {
                    if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                            && (self == null || self.equals(Files.getAttribute(entry, "unix:uid",
                            LinkOption.NOFOLLOW_LINKS)))
                            && Files.deleteIfExists(entry)) {
                        removed++;
                    }
                } catch (IOException | RuntimeException skipped) {
                    // gone meanwhile, or not ours to remove
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the write that follows tells about the folder
        }
        return removed;
    }

    /** The pid in {@code .sockleak-<pid>-<n>.tmp}, or -1. */
    static long pidOf(String name, String prefix, String suffix) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
            return -1;
        }
        int dash = name.indexOf('-', prefix.length());
        if (dash <= prefix.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(prefix.length(), dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
