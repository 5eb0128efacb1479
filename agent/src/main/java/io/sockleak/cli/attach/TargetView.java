package io.sockleak.cli.attach;

import io.sockleak.control.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

/**
 * Files as the target JVM sees them. /proc/PID/root follows the target's mount namespace, so a JVM
 * with its own /tmp (systemd PrivateTmp=) or its own root (a container) is reached there: the reply
 * file is in the target's /tmp, and the agent jar goes there too when the target cannot see it where
 * it is. Without /proc (not Linux) the paths are this side's.
 *
 * <p>The target's /tmp may belong to the target's user, who can then replace any entry in it at any
 * moment (with a symbolic link, a hard link, a FIFO). So this side, often root, never does anything
 * there by name that follows a link or changes an owner or a mode: see {@link TmpDir}. The reply file
 * is created by the agent itself, as the target's user; this side only reads it, and only as a
 * regular file owned by that user.
 */
final class TargetView {

    /** The most this side reads of a reply; real ones are a few hundred bytes. */
    static final long REPLY_LIMIT = 1 << 20;
    static final String REPLY_PREFIX = "sockleak-reply-";
    static final String JAR_PREFIX = "sockleak-agent-";

    private final long pid;
    private final Path root;
    private final UserPrincipal targetOwner;

    private TargetView(long pid, Path root, UserPrincipal targetOwner) {
        this.pid = pid;
        this.root = root;
        this.targetOwner = targetOwner;
    }

    static TargetView of(TargetProcess target) {
        Path proc = Path.of("/proc", Long.toString(target.pid()));
        Path root = proc.resolve("root");
        UserPrincipal owner = null;
        try {
            owner = Files.getOwner(proc);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc: the owner of the reply is not checked
        }
        return new TargetView(target.pid(), Files.isDirectory(root.resolve("tmp")) ? root : null, owner);
    }

    /** Whether the target's /tmp is another directory than this side's (PrivateTmp, a container). */
    boolean hasOwnTmp() {
        return root != null && !same(root.resolve("tmp"), Path.of("/tmp"));
    }

    /** The target's /tmp, opened once; every file operation of this command goes through it. */
    TmpDir openTmp() throws AttachFailure {
        Path where = root != null ? root.resolve("tmp") : Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        try {
            return root != null ? TmpDir.open(root, "tmp") : TmpDir.open(where);
        } catch (IOException | RuntimeException e) {
            throw new AttachFailure("cannot open the temporary folder of pid " + pid + " (" + where + "): "
                    + HotSpotAttach.describe(e));
        }
    }

    /** A path in the target's /tmp as the target sees it. */
    String there(TmpDir tmp, String name) throws AttachFailure {
        String there = root != null ? "/tmp/" + name : tmp.path().toAbsolutePath().resolve(name).toString();
        if (there.contains(",") || there.contains("=")) {
            throw new AttachFailure("the temporary folder " + tmp.path() + " has ',' or '=' in its path;"
                    + " set -Djava.io.tmpdir to another one");
        }
        return there;
    }

    /** The agent jar for the target: the jar itself, or a fresh copy in its /tmp removed on close. */
    record AgentJarCopy(String there, TmpDir tmp, String name) implements AutoCloseable {
        @Override
        public void close() {
            if (name != null) {
                tmp.delete(name);
            }
        }
    }

    /**
     * The agent jar's path for the target: the jar itself when the target sees it at the same path,
     * else a new copy under a random name in the target's /tmp, created exclusively without following
     * links, {@code rw-r--r--} and owned by this side, written through its descriptor.
     */
    AgentJarCopy jar(Path jar, TmpDir tmp) throws AttachFailure {
        if (root == null || same(jar, inTarget(jar))) {
            return new AgentJarCopy(jar.toString(), tmp, null);
        }
        String name = TmpDir.randomName(JAR_PREFIX, ".jar");
        try (FileChannel copy = tmp.create(name, TmpDir.permissions("rw-r--r--"));
             InputStream in = Files.newInputStream(jar)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    copy.write(bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            tmp.delete(name);
            throw new AttachFailure("pid " + pid + " cannot see " + jar + " (it has its own /tmp or root) and the jar"
                    + " could not be copied into its /tmp: " + HotSpotAttach.describe(e));
        }
        return new AgentJarCopy(there(tmp, name), tmp, name);
    }

    /**
     * The agent's answer in {@code tmp/name}, read only if it is a regular file of the target's user,
     * at most {@link #REPLY_LIMIT} bytes, looked at before and after the open (the open descriptor
     * itself); null when there is no such file. Never follows a link or blocks on a FIFO.
     */
    String readReply(TmpDir tmp, String name) throws AttachFailure {
        Path where = tmp.path().resolve(name);
        try {
            PosixFileAttributes before;
            try {
                before = tmp.attributes(name);
            } catch (NoSuchFileException e) {
                return null;
            }
            check(where, before);
            FileChannel channelOpened;
            try {
                channelOpened = tmp.openForReading(name);
            } catch (NoSuchFileException e) {
                throw new AttachFailure("the agent's answer " + where + " was removed before it could be read:"
                        + " someone who can write to pid " + pid + "'s /tmp removed it");
            }
            try (FileChannel channel = channelOpened) {
                Optional<Path> descriptor = TmpDir.descriptor(channel);
                if (descriptor.isPresent()) {
                    PosixFileAttributes opened = Files.readAttributes(descriptor.get(), PosixFileAttributes.class);
                    check(where, opened);
                    if (before.fileKey() != null && !before.fileKey().equals(opened.fileKey())) {
                        throw new AttachFailure(replaced(where, "another file than the one looked at"));
                    }
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) REPLY_LIMIT + 1);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // up to the limit, plus one byte to tell a longer file
                }
                if (buffer.position() > REPLY_LIMIT) {
                    throw new AttachFailure(tooLarge(where));
                }
                return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            throw new AttachFailure("cannot read the agent's answer from " + where + ": " + HotSpotAttach.describe(e));
        }
    }

    private void check(Path where, PosixFileAttributes attributes) throws AttachFailure {
        if (!attributes.isRegularFile()) {
            throw new AttachFailure(replaced(where, TmpDir.kind(attributes)));
        }
        if (targetOwner != null && !targetOwner.equals(attributes.owner())) {
            throw new AttachFailure(replaced(where, "a file of " + attributes.owner().getName()
                    + ", not of the JVM's user " + targetOwner.getName()));
        }
        if (attributes.size() > REPLY_LIMIT) {
            throw new AttachFailure(tooLarge(where));
        }
    }

    private String replaced(Path where, String what) {
        return "the agent's answer " + where + " is " + what + ": someone who can write to pid " + pid + "'s /tmp"
                + " replaced it; not read";
    }

    private static String tooLarge(Path where) {
        return "the agent's answer " + where + " is larger than " + (REPLY_LIMIT >> 20) + " MiB: not an answer of"
                + " the agent; not read";
    }

    /** A name for the reply file that nobody can guess. */
    static String replyName() {
        return TmpDir.randomName(REPLY_PREFIX, ".txt");
    }

    /** What to tell when the agent wrote nothing. */
    static Reply noAnswer(long pid) {
        return Reply.error("the agent in pid " + pid + " did not answer; look for lines starting"
                + " with 'sockleak:' on that JVM's stderr");
    }

    private Path inTarget(Path path) {
        return root.resolve(Path.of("/").relativize(path.toAbsolutePath()).toString());
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
