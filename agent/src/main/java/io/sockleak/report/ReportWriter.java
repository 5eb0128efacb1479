package io.sockleak.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Writes report files atomically: a temp file in the same folder, streamed (a report is never held as
 * one array of bytes), forced to disk, then renamed, so a reader never sees half a report. Folder and
 * files are readable by the JVM's user only: they hold addresses and stacks. The folder must be safe
 * ({@link ReportFolderCheck}); temp files a crashed JVM left in it are removed before the first report.
 */
public final class ReportWriter {

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> DIR_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private static final String TEMP_PREFIX = ".sockleak-";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;
    private final long pid;
    private boolean staleTempsRemoved;

    public ReportWriter(Path dir, long pid) {
        this.dir = dir.toAbsolutePath();
        this.pid = pid;
    }

    public Path dir() {
        return dir;
    }

    public static String fileName(long pid, Instant at, String trigger, int attempt) {
        return "sockleak-" + pid + "-" + STAMP.format(at) + "-" + trigger + (attempt == 0 ? "" : "-" + attempt) + ".json";
    }

    public Path write(byte[] json, Instant at, String trigger) throws IOException {
        return write(out -> out.write(json), at, trigger);
    }

    public Path write(Content content, Instant at, String trigger) throws IOException {
        ensureDir();
        ReportFolderCheck.requireSafe(dir);
        if (!staleTempsRemoved) {
            staleTempsRemoved = true;
            StaleTempFiles.removeIn(dir, TEMP_PREFIX, TEMP_SUFFIX);
        }
        Path temp = dir.resolve(TEMP_PREFIX + pid + "-" + System.nanoTime() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), filePermissions())) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            for (int attempt = 0; ; attempt++) {
                Path target = dir.resolve(fileName(pid, at, trigger, attempt));
                if (Files.exists(target)) {
                    continue;
                }
                try {
                    return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // another report took that name in the same millisecond: try the next
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A failed write in one line: the exception's type and reason, and the file it names unless that is
     * the temp file (a new name on every attempt, which would make every retry look like a new problem).
     */
    public static String describe(Exception e) {
        String type = e.getClass().getSimpleName();
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile();
            boolean temp = file != null && file.contains("/" + TEMP_PREFIX) && file.endsWith(TEMP_SUFFIX);
            String where = file == null ? null : temp ? "temporary file" : file;
            String reason = fs.getReason();
            String detail = where == null ? reason : reason == null ? where : where + ": " + reason;
            return detail == null ? type : type + " (" + detail + ")";
        }
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    private FileAttribute<?>[] filePermissions() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)}
                : new FileAttribute<?>[0];
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
