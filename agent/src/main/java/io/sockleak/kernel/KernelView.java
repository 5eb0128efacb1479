package io.sockleak.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Reads this process's view of TCP from a proc file system: {@code <root>/net/tcp}, {@code net/tcp6},
 * {@code self/fd} and {@code self/limits}. One buffer is reused across snapshots, so snapshots are
 * serialised.
 */
public final class KernelView {

    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    private final Path procRoot;
    private final String osName;
    private final ProcFileReader reader = new ProcFileReader(INITIAL_BUFFER, MAX_FILE_BYTES);

    public KernelView(Path procRoot) {
        this(procRoot, osName());
    }

    KernelView(Path procRoot, String osName) {
        this.procRoot = procRoot;
        this.osName = osName;
    }

    /** Never throws an exception; problems are reported through {@link KernelSnapshot#reason()}. */
    public synchronized KernelSnapshot snapshot() {
        try {
            return read();
        } catch (RuntimeException e) {
            return KernelSnapshot.unavailable("reading " + procRoot + " failed: " + describe(e));
        }
    }

    private KernelSnapshot read() {
        long now = System.currentTimeMillis();
        if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return KernelSnapshot.unavailable("not Linux (" + osName + ")");
        }
        if (procRoot == null) {
            return KernelSnapshot.unavailable("no proc root");
        }
        StringJoiner problems = new StringJoiner("; ");
        List<TcpRow> rows = new ArrayList<>();
        boolean tcp = readTable(procRoot.resolve("net/tcp"), false, rows, problems);
        boolean tcp6 = readTable(procRoot.resolve("net/tcp6"), true, rows, problems);

        Path fdDir = procRoot.resolve("self/fd");
        ProcFdReader.Listing fds = null;
        try {
            fds = ProcFdReader.read(fdDir);
        } catch (IOException | RuntimeException e) {
            problems.add(fdDir + " not readable: " + describe(e));
        }

        long fdLimit = KernelSnapshot.FD_LIMIT_UNKNOWN;
        Path limits = procRoot.resolve("self/limits");
        try {
            int length = reader.read(limits);
            fdLimit = ProcLimitsParser.maxOpenFiles(reader.buffer(), length);
        } catch (IOException | RuntimeException e) {
            problems.add(limits + " not readable: " + describe(e));
        }

        if ((!tcp && !tcp6) || fds == null) {
            return KernelSnapshot.unavailable(problems.toString());
        }
        return new KernelSnapshot(true, problems.toString(), rows, fds.socketInodeByFd(), fds.openFds(), fdLimit, now);
    }

    private boolean readTable(Path file, boolean ipv6, List<TcpRow> into, StringJoiner problems) {
        try {
            int length = reader.read(file);
            ProcNetTcpParser.parseInto(reader.buffer(), length, ipv6, into);
            return true;
        } catch (IOException | RuntimeException e) {
            problems.add(file + " not readable: " + describe(e));
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName();
    }

    private static String osName() {
        try {
            return System.getProperty("os.name");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
