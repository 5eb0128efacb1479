package io.sockleak.cli.attach;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How the CLI reads the agent's reply and writes the jar copy in a folder someone else may control:
 * only a regular file of the JVM's user is read, never through a link, never blocking on a FIFO, at
 * most 1 MiB; created files are exclusive, no-follow and get their mode on the descriptor.
 */
class ReplyFileTest {

    @TempDir
    Path dir;

    private TargetView view;
    private TmpDir tmp;

    @BeforeEach
    void setUp() throws IOException {
        // A view of this very process: its owner is this user.
        TargetProcess self = new TargetProcess(ProcessHandle.current().pid(), -1, null, "self", List.of(), true, null,
                null, false, null);
        view = TargetView.of(self);
        tmp = TmpDir.open(dir);
    }

    @Test
    void aRegularFileOfTheJvmsUserIsReadAndNoFileIsNoAnswer() throws Exception {
        assertNull(view.readReply(tmp, "sockleak-reply-none.txt"));
        Files.writeString(dir.resolve("sockleak-reply-a.txt"), "status=ok\n");
        assertEquals("status=ok\n", view.readReply(tmp, "sockleak-reply-a.txt"));
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "status=ok\nmessage=secret\n");
        Files.createSymbolicLink(dir.resolve("sockleak-reply-b.txt"), secret);
        AttachFailure f = assertThrows(AttachFailure.class, () -> view.readReply(tmp, "sockleak-reply-b.txt"));
        assertTrue(f.getMessage().contains("is a symbolic link") && f.getMessage().contains("not read"), f.getMessage());
        tmp.delete("sockleak-reply-b.txt");
        assertTrue(Files.exists(secret), "unlink removed the link, not its target");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("sockleak-reply-c.txt");
        mkfifo(fifo);
        AttachFailure f = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> assertThrows(AttachFailure.class, () -> view.readReply(tmp, "sockleak-reply-c.txt")));
        assertTrue(f.getMessage().contains("FIFO"), f.getMessage());
    }

    /** The FIFO put there between the look and the open: the open gives up after its bound. */
    @Test
    void anOpenThatWouldBlockIsBounded() throws Exception {
        Path fifo = dir.resolve("fifo");
        mkfifo(fifo);
        long begin = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> tmp.openForReading("fifo"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertTrue(millis < TmpDir.OPEN_BOUND.toMillis() + 3000, millis + " ms");
        // The blocked open holds the folder stream's read lock: cleaning up must not wait for it.
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            tmp.delete("fifo");
            tmp.close();
        });
    }

    @Test
    void aFileOfAnotherUserIsNotRead() throws Exception {
        assumeTrue(uid() == 0, "needs root to give a file to another user");
        Path file = Files.writeString(dir.resolve("sockleak-reply-d.txt"), "status=ok\n");
        Files.setAttribute(file, "unix:uid", 12345);
        AttachFailure f = assertThrows(AttachFailure.class, () -> view.readReply(tmp, "sockleak-reply-d.txt"));
        assertTrue(f.getMessage().contains("not of the JVM's user"), f.getMessage());
    }

    @Test
    void moreThanOneMebibyteIsNotRead() throws Exception {
        try (FileChannel big = FileChannel.open(dir.resolve("sockleak-reply-e.txt"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            big.write(ByteBuffer.wrap(new byte[] {1}), TargetView.REPLY_LIMIT);
        }
        AttachFailure f = assertThrows(AttachFailure.class, () -> view.readReply(tmp, "sockleak-reply-e.txt"));
        assertTrue(f.getMessage().contains("larger than 1 MiB"), f.getMessage());
    }

    @Test
    void createdFilesAreExclusiveNoFollowAndGetTheirMode() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "keep");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(dir.resolve("link"), target);
        assertThrows(FileAlreadyExistsException.class, () -> tmp.create("link", TmpDir.permissions("rw-r--r--")));
        assertThrows(FileAlreadyExistsException.class, () -> tmp.create("target", TmpDir.permissions("rw-r--r--")));
        assertEquals("keep", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));

        // A mode the umask would cut (group and others writable) is put back on the descriptor.
        try (FileChannel created = tmp.create("new", TmpDir.permissions("rw-rw-rw-"))) {
            created.write(ByteBuffer.wrap(new byte[] {42}));
            assertTrue(TmpDir.descriptor(created).isPresent(), "the open file is found in /proc/self/fd");
        }
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new"))));
        assertEquals(1, Files.size(dir.resolve("new")));
    }

    @Test
    void theTargetsTmpMustNotBeALink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("tmp"), real);
        IOException e = assertThrows(IOException.class, () -> TmpDir.open(root, "tmp"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    private static void mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
    }

    private static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
