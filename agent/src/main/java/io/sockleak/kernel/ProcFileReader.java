package io.sockleak.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads proc files through one buffer of {@link #CHUNK} bytes kept between reads: a table of any size
 * is handed on in runs of whole lines, so the buffer does not grow with the table. Not thread-safe.
 */
final class ProcFileReader {

    // A channel read into a heap array goes through a per-thread cached direct buffer as large as
    // the request: bounded chunks keep that cache small.
    static final int CHUNK = 64 * 1024;

    /** Receives {@code content[0, length)}: whole lines, except perhaps the file's last one. */
    @FunctionalInterface
    interface Lines {
        void accept(byte[] content, int length);
    }

    /** Longer than any line of /proc/net/tcp*, /proc/self/limits. */
    private static final int MAX_LINE_BYTES = 1024 * 1024;

    private final int maxLineBytes;
    private byte[] buffer = new byte[CHUNK];

    ProcFileReader() {
        this(MAX_LINE_BYTES);
    }

    /** {@code maxLineBytes}: the longest line (or small file) read; beyond it the file is refused. */
    ProcFileReader(int maxLineBytes) {
        this.maxLineBytes = Math.max(CHUNK, maxLineBytes);
    }

    /** Reads a file of lines, handing each run of whole lines to {@code lines} as it arrives. */
    void readLines(Path file, Lines lines) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    grow(length);
                }
                int n = readChunk(channel, buffer, length);
                if (n < 0) {
                    if (length > 0) {
                        lines.accept(buffer, length);
                    }
                    return;
                }
                length += n;
                int whole = afterLastNewline(buffer, length);
                if (whole > 0) {
                    lines.accept(buffer, whole);
                    System.arraycopy(buffer, whole, buffer, 0, length - whole);
                    length -= whole;
                }
            }
        }
    }

    byte[] buffer() {
        return buffer;
    }

    private void grow(int length) throws IOException {
        if (length >= maxLineBytes) {
            throw new IOException("a line longer than " + maxLineBytes + " bytes");
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(length * 2L, maxLineBytes));
    }

    private static int afterLastNewline(byte[] content, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** Reads at most {@link #CHUNK} bytes into {@code into[from, ...)}; -1 at the end of the file. */
    private static int readChunk(FileChannel channel, byte[] into, int from) throws IOException {
        return channel.read(ByteBuffer.wrap(into, from, Math.min(CHUNK, into.length - from)));
    }
}
