package io.sockleak.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Refuses a report folder another user controls: one owned by another user (root excepted), reached
 * through another user's symbolic link, or writable by others without the sticky bit; and the same for
 * the folder it sits in. Such a user could read the reports, delete or forge them, or swap the folder
 * for a link that sends the next report elsewhere (root's reports into /etc). Without POSIX attributes
 * (not Linux) nothing is checked.
 */
final class ReportFolderCheck {

    private static final int ROOT = 0;

    private ReportFolderCheck() {
    }

    /** Throws an IOException naming the problem when {@code dir} (which exists) is not safe to write reports in. */
    static void requireSafe(Path dir) throws IOException {
        Object self = currentUid();
        if (self == null) {
            return;
        }
        if (Files.isSymbolicLink(dir)) {
            requireTrustedOwner(dir, self, "symbolic link");
        }
        Path real = dir.toRealPath();
        requireTrusted(real, self, "folder");
        Path parent = real.getParent();
        if (parent != null) {
            requireTrusted(parent, self, "parent folder");
        }
    }

    private static void requireTrusted(Path folder, Object self, String what) throws IOException {
        requireTrustedOwner(folder, self, what);
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
        if (mode.contains(PosixFilePermission.OTHERS_WRITE) && !sticky(folder)) {
            throw new IOException(what + " " + folder + " is writable by every user without the sticky bit:"
                    + " anyone could replace or delete the reports (chmod o-w or +t)");
        }
    }

    private static void requireTrustedOwner(Path path, Object self, String what) throws IOException {
        Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!self.equals(owner) && !Integer.valueOf(ROOT).equals(owner)) {
            throw new IOException(what + " " + path + " belongs to user " + owner + ", not to this JVM's user "
                    + self + " or root: that user could read, delete or redirect the reports");
        }
    }

    private static boolean sticky(Path folder) throws IOException {
        Object mode = Files.getAttribute(folder, "unix:mode");
        return mode instanceof Integer m && (m & 01000) != 0;
    }

    /** This process's user id (the owner of /proc/self), or null where that cannot be known. */
    static Object currentUid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }
}
