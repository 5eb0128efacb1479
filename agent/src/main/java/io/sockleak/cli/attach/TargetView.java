package io.sockleak.cli.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files as the target JVM sees them. /proc/PID/root follows the target's mount namespace, so a JVM
 * with its own /tmp (systemd PrivateTmp=) or its own root (a container) is reached there: the answer
 * file goes into the target's /tmp, and the agent jar too when the target cannot see it where it is.
 * Without /proc (not Linux) the paths are this side's.
 */
final class TargetView {

    private final long pid;
    private final Path root;
    private final int targetUid;

    private TargetView(long pid, Path root, int targetUid) {
        this.pid = pid;
        this.root = root;
        this.targetUid = targetUid;
    }

    static TargetView of(TargetProcess target) {
        Path root = Path.of("/proc", Long.toString(target.pid()), "root");
        return new TargetView(target.pid(), Files.isDirectory(root.resolve("tmp")) ? root : null, target.uid());
    }

    /** Whether the target's /tmp is another directory than this side's (PrivateTmp, a container). */
    boolean hasOwnTmp() {
        return root != null && !same(root.resolve("tmp"), Path.of("/tmp"));
    }

    /** The agent jar's path for the target: the jar itself, or a copy in the target's /tmp. */
    String jar(Path jar) throws AttachFailure {
        if (root == null || same(jar, inTarget(jar))) {
            return jar.toString();
        }
        try {
            String name = "sockleak-agent-" + sha256(jar) + ".jar";
            Path copy = root.resolve("tmp").resolve(name);
            if (!Files.isRegularFile(copy)) {
                Path temp = Files.createTempFile(root.resolve("tmp"), ".sockleak-agent-", ".jar");
                Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temp, copy, StandardCopyOption.ATOMIC_MOVE);
            }
            return "/tmp/" + name;
        } catch (IOException | UnsupportedOperationException e) {
            throw new AttachFailure("pid " + pid + " cannot see " + jar + " (it has its own /tmp or root) and the jar"
                    + " could not be copied into its /tmp: " + e.getMessage());
        }
    }

    /** An answer file: where this side reads it, and the path the target writes to. */
    record Answer(Path here, String there) {
    }

    /**
     * An empty file only its owner can read, which the target's agent writes its answer into. When
     * root attaches to another user's JVM, the file is given to that user, who writes it.
     */
    Answer answerFile() throws AttachFailure {
        Path dir = root != null ? root.resolve("tmp") : Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        try {
            Path file = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, "sockleak-reply-", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "sockleak-reply-", ".txt");
            if (TargetProcess.currentUid() == TargetProcess.ROOT && targetUid > 0) {
                Files.setOwner(file, Files.getOwner(Path.of("/proc", Long.toString(pid))));
            }
            String there = root != null ? "/tmp/" + file.getFileName() : file.toAbsolutePath().toString();
            if (there.contains(",") || there.contains("=")) {
                Files.deleteIfExists(file);
                throw new AttachFailure("the temporary folder " + dir + " has ',' or '=' in its path;"
                        + " set -Djava.io.tmpdir to another one");
            }
            return new Answer(file, there);
        } catch (IOException | UnsupportedOperationException e) {
            throw new AttachFailure("cannot create the answer file in " + dir + ": " + e.getMessage());
        }
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

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
