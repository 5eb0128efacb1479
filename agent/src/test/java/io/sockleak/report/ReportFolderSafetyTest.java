package io.sockleak.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Report folders another user controls are refused (issue 14: root's reports followed another user's
 * link into /etc, or landed where that user could delete or forge them); temp files of JVMs killed
 * mid-report are removed. Run as root, the tests give files to "nobody", a second user every Linux has.
 */
class ReportFolderSafetyTest {

    private static final byte[] JSON = "{}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    private UserPrincipal nobody;

    @BeforeEach
    void asRoot() throws IOException {
        assumeTrue("0".equals(String.valueOf(ReportFolderCheck.currentUid())),
                "runs as root (as in CI) to hand files to another user");
        nobody = work.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    @Test
    void aFolderOfAnotherUserIsRefused() throws IOException {
        Path dir = Files.createDirectory(work.resolve("theirs"));
        Files.setOwner(dir, nobody);
        IOException refused = assertThrows(IOException.class, () -> new ReportWriter(dir, 1).write(JSON, Instant.now(), "t"));
        assertTrue(refused.getMessage().startsWith("folder " + dir.toRealPath() + " belongs to user 65534, not to this"
                + " JVM's user 0 or root"), refused.getMessage());
        assertEquals(0, count(dir), "nothing written there");
    }

    @Test
    void anotherUsersLinkIsNotFollowed() throws IOException {
        Path target = Files.createDirectory(work.resolve("etc"));
        Path link = Files.createSymbolicLink(work.resolve("reports"), target);
        Files.getFileAttributeView(link, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        IOException refused = assertThrows(IOException.class, () -> new ReportWriter(link, 1).write(JSON, Instant.now(), "t"));
        assertTrue(refused.getMessage().startsWith("symbolic link " + link + " belongs to user 65534"),
                refused.getMessage());
        assertEquals(0, count(target));
    }

    @Test
    void aParentOfAnotherUserIsRefused() throws IOException {
        Path parent = Files.createDirectory(work.resolve("home-of-nobody"));
        Path dir = Files.createDirectory(parent.resolve("reports"));
        Files.setOwner(parent, nobody);
        IOException refused = assertThrows(IOException.class, () -> new ReportWriter(dir, 1).write(JSON, Instant.now(), "t"));
        assertTrue(refused.getMessage().startsWith("parent folder " + parent.toRealPath() + " belongs to user 65534"),
                refused.getMessage());
    }

    @Test
    void aFolderEveryoneMayWriteNeedsTheStickyBit() throws IOException {
        Path dir = Files.createDirectory(work.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException refused = assertThrows(IOException.class, () -> new ReportWriter(dir, 1).write(JSON, Instant.now(), "t"));
        assertTrue(refused.getMessage().contains("is writable by every user without the sticky bit"), refused.getMessage());

        Files.setAttribute(dir, "unix:mode", 01777);
        Path written = new ReportWriter(dir, 1).write(JSON, Instant.now(), "t");
        assertTrue(Files.isRegularFile(written), "like /tmp: allowed");
    }

    @Test
    void tempFilesOfDeadJvmsAreRemovedBeforeTheFirstReport() throws IOException {
        Path dir = Files.createDirectory(work.resolve("reports"));
        Path dead = Files.write(dir.resolve(".sockleak-999999999-123.tmp"), JSON);
        Path running = Files.write(dir.resolve(".sockleak-1-456.tmp"), JSON); // pid 1 runs: may be writing it
        Path notOurs = Files.write(dir.resolve(".sockleak-999999998-7.tmp"), JSON);
        Files.setOwner(notOurs, nobody);
        Path other = Files.write(dir.resolve("notes.tmp"), JSON);

        new ReportWriter(dir, 1).write(JSON, Instant.now(), "t");

        assertFalse(Files.exists(dead), "a dead JVM's temp file is removed");
        assertTrue(Files.exists(running) && Files.exists(notOurs) && Files.exists(other));
    }

    private static long count(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
