package io.sockleak.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Bytes kept in memory up to a limit: writing past it fails with {@link TooLarge} (and keeps no more). */
final class BoundedBytes extends ByteArrayOutputStream {

    /** The content would be larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    private final long limit;

    BoundedBytes(long limit) {
        super(8192);
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (count + 1L > limit) {
            throw new Overflow();
        }
        super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (count + (long) len > limit) {
            throw new Overflow();
        }
        super.write(b, off, len);
    }

    /** The bytes, or throws {@link TooLarge} when {@code content} does not fit. */
    static byte[] of(ReportWriter.Content content, long limit) throws IOException {
        BoundedBytes bytes = new BoundedBytes(limit);
        try {
            content.writeTo(bytes);
        } catch (Overflow overflow) {
            throw new TooLarge(limit);
        }
        return bytes.toByteArray();
    }

    /** Unchecked inside write(...), whose signatures the JDK fixed without IOException. */
    private static final class Overflow extends RuntimeException {
        Overflow() {
            super(null, null, false, false);
        }
    }
}
