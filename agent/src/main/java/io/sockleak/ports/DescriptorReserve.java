package io.sockleak.ports;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A few descriptors taken while the process still has some, so that the agent can write a report
 * when it has none left: {@link #release()} closes them just before the report reads /proc and
 * writes its file (each needs one descriptor at a time), {@link #refill()} takes them again.
 * Each is a read-only {@code /dev/null} (a pipe where there is none).
 */
final class DescriptorReserve {

    private static final Path DEV_NULL = Path.of("/dev/null");

    private final int size;
    private final Deque<Channel> held = new ArrayDeque<>();

    DescriptorReserve(int size) {
        this.size = size;
    }

    /** Takes descriptors until {@code size} are held or none can be had; returns how many are held. */
    synchronized int refill() {
        while (held.size() < size) {
            Channel c = open();
            if (c == null) {
                break;
            }
            held.push(c);
        }
        return held.size();
    }

    /** Closes every held descriptor; returns how many were freed. */
    synchronized int release() {
        int freed = 0;
        while (!held.isEmpty()) {
            Channel c = held.pop();
            try {
                c.close();
                freed++;
            } catch (IOException | RuntimeException ignored) {
                // a descriptor the kernel would not close is one we cannot free
            }
        }
        return freed;
    }

    synchronized int held() {
        return held.size();
    }

    private static Channel open() {
        try {
            return FileChannel.open(DEV_NULL, StandardOpenOption.READ);
        } catch (IOException | RuntimeException noDevNull) {
            try {
                Pipe pipe = Pipe.open(); // two descriptors
                return new PipeChannel(pipe);
            } catch (IOException | RuntimeException none) {
                return null;
            }
        }
    }

    /** Both ends of a pipe as one channel. */
    private record PipeChannel(Pipe pipe) implements Channel {
        @Override
        public boolean isOpen() {
            return pipe.source().isOpen() || pipe.sink().isOpen();
        }

        @Override
        public void close() throws IOException {
            try {
                pipe.source().close();
            } finally {
                pipe.sink().close();
            }
        }
    }
}
