package io.sockleak.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads whole files into one buffer that is kept between reads. procfs reports a size of 0, so the
 * buffer grows as needed, up to {@code maxBytes}; what lies beyond is not read (the parser drops the
 * cut last line). Not thread-safe.
 */
final class ProcFileReader {

    // A channel read into a heap array goes through a per-thread cached direct buffer as large as
    // the request: bounded chunks keep that cache small.
    static final int CHUNK = 64 * 1024;

    private final int maxBytes;
    private byte[] buffer;

    ProcFileReader(int initialBytes, int maxBytes) {
        this.maxBytes = maxBytes;
        this.buffer = new byte[Math.min(initialBytes, maxBytes)];
    }

    /** Reads {@code file}; the content is {@code buffer()[0, returned length)}. */
    int read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length >= maxBytes) {
                        return length;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(4096L, length * 2L), maxBytes));
                }
                int n = readChunk(channel, buffer, length);
                if (n < 0) {
                    return length;
                }
                length += n;
            }
        }
    }

    byte[] buffer() {
        return buffer;
    }

    /** Reads at most {@link #CHUNK} bytes into {@code into[from, ...)}; -1 at the end of the file. */
    static int readChunk(FileChannel channel, byte[] into, int from) throws IOException {
        return channel.read(ByteBuffer.wrap(into, from, Math.min(CHUNK, into.length - from)));
    }
}
