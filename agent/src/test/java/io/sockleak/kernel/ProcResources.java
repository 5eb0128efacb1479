package io.sockleak.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

final class ProcResources {

    private ProcResources() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ProcResources.class.getResourceAsStream("/proc/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /proc/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row as one line, for exact comparison against the decoded capture. */
    static String describe(TcpRow row) {
        return row.local() + " " + row.remote() + " " + row.state()
                + " tx=" + row.txQueue() + " rx=" + row.rxQueue()
                + " tr=" + row.timerActive() + " ticks=" + row.timerTicks()
                + " uid=" + row.uid() + " inode=" + row.inode() + (row.ipv6() ? " v6" : " v4");
    }
}
