package io.sockleak.cli.attach;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A temporary folder that may belong to another user (the target JVM's /tmp), used without ever
 * following a link in it: the folder is opened once (on Linux a {@link SecureDirectoryStream}, so
 * every operation is relative to that open folder: openat, fstatat, unlinkat), entries are looked at
 * with NOFOLLOW_LINKS, created with CREATE_NEW (O_CREAT|O_EXCL|O_NOFOLLOW), opened with O_NOFOLLOW,
 * and removed by unlink, which does not follow links either. Nothing here sets an owner or a mode by
 * name: a mode is given at creation and, when the umask took bits away, put back on the open
 * descriptor ({@code /proc/self/fd/N}). Opens that could block (a FIFO put where a regular file was)
 * are bounded.
 */
final class TmpDir implements Closeable {

    /** How long an open may take: a regular file or folder opens at once; a FIFO would block. */
    static final Duration OPEN_BOUND = Duration.ofSeconds(5);

    private static final Set<LinkOption> NO_FOLLOW = Set.of(LinkOption.NOFOLLOW_LINKS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final SecureDirectoryStream<Path> secure;
    /**
     * An open through {@link #secure} was given up while it blocks: it holds the stream's read lock,
     * so closing the stream (which takes the write lock) would block as well; it is left open.
     */
    private volatile boolean abandoned;

    private TmpDir(Path path, SecureDirectoryStream<Path> secure) {
        this.path = path;
        this.secure = secure;
    }

    /**
     * The folder {@code child} of {@code parent} ("tmp" of /proc/PID/root), opened without following
     * a link at {@code child}: a /tmp that is a symbolic link (or not a folder) is refused.
     */
    static TmpDir open(Path parent, String child) throws IOException {
        Path path = parent.resolve(child);
        DirectoryStream<Path> parentStream = Files.newDirectoryStream(parent);
        if (!(parentStream instanceof SecureDirectoryStream<Path> parentSecure)) {
            parentStream.close();
            requireDirectoryNoFollow(path);
            return new TmpDir(path, null);
        }
        boolean close = true;
        try {
            Path name = Path.of(child);
            PosixFileAttributes attributes = parentSecure.getFileAttributeView(name, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (!attributes.isDirectory()) {
                throw new IOException(path + " is " + kind(attributes) + ", not a folder");
            }
            SecureDirectoryStream<Path> opened = bounded(path.toString(),
                    () -> parentSecure.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
            return new TmpDir(path, opened);
        } catch (OpenTimeout e) {
            close = false;
            throw e;
        } finally {
            if (close) {
                parentSecure.close();
            }
        }
    }

    /** A folder of this side (no /proc): opened as it is. */
    static TmpDir open(Path path) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(path);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new TmpDir(path, secure);
        }
        stream.close();
        return new TmpDir(path, null);
    }

    Path path() {
        return path;
    }

    /** A name nobody can guess: {@code prefix}, 32 random hex digits, {@code suffix}. */
    static String randomName(String prefix, String suffix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes) + suffix;
    }

    /** The entry itself, not what it may link to; NoSuchFileException when there is none. */
    PosixFileAttributes attributes(String name) throws IOException {
        if (secure != null) {
            return secure.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }
        return Files.readAttributes(path.resolve(name), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A new file, created exclusively without following links, with {@code permissions} given at
     * creation and set again on the open descriptor when the umask took some away.
     */
    FileChannel create(String name, Set<PosixFilePermission> permissions) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(permissions);
        SeekableByteChannel channel = secure != null
                ? secure.newByteChannel(Path.of(name), options, mode)
                : Files.newByteChannel(path.resolve(name), options, mode);
        FileChannel file = (FileChannel) channel;
        try {
            Optional<Path> descriptor = descriptor(file);
            if (descriptor.isPresent()
                    && !Files.readAttributes(descriptor.get(), PosixFileAttributes.class).permissions().equals(permissions)) {
                // chmod of /proc/self/fd/N acts on the open file, whatever now has its name.
                Files.setPosixFilePermissions(descriptor.get(), permissions);
            }
        } catch (IOException | RuntimeException e) {
            file.close();
            delete(name);
            throw e;
        }
        return file;
    }

    /**
     * Opens an entry for reading without following a link, at most {@link #OPEN_BOUND} long (a FIFO
     * put there after it was looked at would block the open).
     */
    FileChannel openForReading(String name) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            return (FileChannel) bounded(path.resolve(name).toString(), () -> secure != null
                    ? secure.newByteChannel(Path.of(name), options)
                    : Files.newByteChannel(path.resolve(name), options));
        } catch (OpenTimeout e) {
            abandoned = true;
            throw e;
        }
    }

    /** Removes the entry (unlink: a link is removed, not what it points to); quiet when there is none. */
    void delete(String name) {
        try {
            if (secure != null) {
                secure.deleteFile(Path.of(name));
            } else {
                Files.deleteIfExists(path.resolve(name));
            }
        } catch (NoSuchFileException gone) {
            // removed already
        } catch (IOException | RuntimeException e) {
            // a stray file in a temporary folder
        }
    }

    @Override
    public void close() {
        if (secure != null && !abandoned) {
            try {
                secure.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    /**
     * The open file's own descriptor as {@code /proc/self/fd/N} (stat and chmod of it act on the open
     * file, not on a name), found by moving the channel to a random position and looking for it in
     * /proc/self/fdinfo. Empty without /proc. The position is back at 0 afterwards.
     */
    static Optional<Path> descriptor(FileChannel channel) throws IOException {
        Path fdinfo = Path.of("/proc/self/fdinfo");
        if (!Files.isDirectory(fdinfo)) {
            return Optional.empty();
        }
        long marker = (1L << 40) + (RANDOM.nextLong() & ((1L << 40) - 1));
        channel.position(marker);
        try (Stream<Path> entries = Files.list(fdinfo)) {
            String line = "pos:\t" + marker;
            for (Path entry : entries.toList()) {
                String info;
                try {
                    info = Files.readString(entry, StandardCharsets.ISO_8859_1);
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (info.lines().anyMatch(line::equals)) {
                    return Optional.of(Path.of("/proc/self/fd").resolve(entry.getFileName()));
                }
            }
            return Optional.empty();
        } finally {
            channel.position(0);
        }
    }

    static String kind(PosixFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        if (attributes.isRegularFile()) {
            return "a regular file";
        }
        return "a FIFO, socket or device";
    }

    private static void requireDirectoryNoFollow(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IOException(path + " is " + kind(attributes) + ", not a folder");
        }
    }

    /** Runs an open on a daemon thread and gives up after {@link #OPEN_BOUND}. */
    private static <T> T bounded(String what, Callable<T> open) throws IOException {
        FutureTask<T> task = new FutureTask<>(open);
        Thread thread = new Thread(task, "sockleak-open");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(OPEN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OpenTimeout("opening " + what + " did not finish within " + OPEN_BOUND.toSeconds()
                    + " s: it is not a regular file or folder any more (a FIFO?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** An open given up after {@link #OPEN_BOUND}; its thread still blocks. */
    static final class OpenTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        OpenTimeout(String message) {
            super(message);
        }
    }

    static Set<PosixFilePermission> permissions(String text) {
        return PosixFilePermissions.fromString(text);
    }
}
