package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Finds which process holds a socket inode, by scanning {@code <root>/[pid]/fd}. */
public final class OtherProcessSockets {

    static final long DEFAULT_BUDGET_NANOS = 2_000_000_000L;
    static final int DEFAULT_MAX_FDS = 50_000;

    private OtherProcessSockets() {
    }

    /**
     * The pid of a process with an fd on the socket {@code inode}, or empty if none was found among
     * the processes this one may inspect within 2 s and 50,000 fds. Never throws.
     */
    public static OptionalLong pidOwningInode(Path procRoot, long inode) {
        return pidOwningInode(procRoot, inode, DEFAULT_BUDGET_NANOS, DEFAULT_MAX_FDS);
    }

    static OptionalLong pidOwningInode(Path procRoot, long inode, long budgetNanos, int maxFds) {
        if (procRoot == null || inode <= 0) {
            return OptionalLong.empty();
        }
        try {
            return new Scan(inode, System.nanoTime() + budgetNanos, maxFds).run(procRoot);
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static final class Scan {
        private final String wanted;
        private final long deadline;
        private int fdsLeft;

        Scan(long inode, long deadline, int maxFds) {
            this.wanted = "socket:[" + inode + "]";
            this.deadline = deadline;
            this.fdsLeft = maxFds;
        }

        OptionalLong run(Path procRoot) {
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(procRoot)) {
                for (Path process : processes) {
                    long pid = pid(process.getFileName().toString());
                    if (pid < 0) {
                        continue;
                    }
                    if (outOfBudget()) {
                        return OptionalLong.empty();
                    }
                    switch (search(process.resolve("fd"))) {
                        case FOUND:
                            return OptionalLong.of(pid);
                        case GAVE_UP:
                            return OptionalLong.empty();
                        default:
                            break;
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                return OptionalLong.empty();
            }
            return OptionalLong.empty();
        }

        private Outcome search(Path fdDir) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
                for (Path fd : fds) {
                    if (--fdsLeft < 0 || outOfBudget()) {
                        return Outcome.GAVE_UP;
                    }
                    try {
                        if (wanted.equals(Files.readSymbolicLink(fd).toString())) {
                            return Outcome.FOUND;
                        }
                    } catch (IOException | UnsupportedOperationException skipped) {
                        // closed meanwhile, or not a link
                    }
                }
            } catch (IOException | DirectoryIteratorException notPermittedOrGone) {
                return Outcome.NOT_HERE;
            }
            return Outcome.NOT_HERE;
        }

        private boolean outOfBudget() {
            return System.nanoTime() - deadline > 0;
        }

        private static long pid(String name) {
            return Decimals.parse(name, 0, name.length(), 18);
        }
    }

    private enum Outcome { FOUND, NOT_HERE, GAVE_UP }
}
