package io.sockleak.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.FileDescriptor;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The bridge the advice calls: whatever the sink throws stays inside and is counted, never rethrown. */
class SocketEventsTest {

    /** A sink that fails every call in its own way, as a broken agent would. */
    private static final SocketEventSink THROWING = new SocketEventSink() {
        @Override
        public void opened(Object socket, int fd, int kind, Object address) {
            throw new IllegalStateException("opened");
        }

        @Override
        public void openedWithFd(Object socket, FileDescriptor fd, int kind, Object address) {
            throw new OutOfMemoryError("openedWithFd");
        }

        @Override
        public void closing(FileDescriptor fd) {
            throw new StackOverflowError();
        }

        @Override
        public void failed(Object socket, int operation, Object address, Throwable failure) {
            throw new NullPointerException();
        }
    };

    @AfterEach
    void uninstall() {
        SocketEvents.install(null);
    }

    @Test
    void everyEventSwallowsAndCountsWhatTheSinkThrows() {
        SocketEvents.install(THROWING);
        long before = SocketEvents.errors();
        assertDoesNotThrow(() -> {
            SocketEvents.opened(new Object(), 5, SocketEvents.ACCEPTED | SocketEvents.SOCKET, null);
            SocketEvents.openedWithFd(new Object(), new FileDescriptor(), SocketEvents.CONNECTED, null);
            SocketEvents.closing(new FileDescriptor());
            SocketEvents.failed(new Object(), SocketEvents.OP_BIND, null, new BindException("in use"));
        });
        assertEquals(before + 4, SocketEvents.errors());
    }

    @Test
    void noSinkNoWorkNoErrors() {
        long before = SocketEvents.errors();
        SocketEvents.opened(new Object(), 5, SocketEvents.ACCEPTED, null);
        SocketEvents.closing(new FileDescriptor());
        assertEquals(before, SocketEvents.errors());
    }

    @Test
    void aFailureWithoutAThrowableIsNotPassedOn() {
        List<Object> seen = new ArrayList<>();
        SocketEvents.install(new RecordingSink(seen));
        SocketEvents.failed(new Object(), SocketEvents.OP_CONNECT, null, null);
        assertEquals(List.of(), seen);
    }

    /** 8 threads failing at once: none of the counts is lost. */
    @Test
    void errorsFromManyThreadsAreAllCounted() throws InterruptedException {
        SocketEvents.install(THROWING);
        long before = SocketEvents.errors();
        int threads = 8;
        int each = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    SocketEvents.opened(null, i, SocketEvents.CONNECTED, null);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(before + (long) threads * each, SocketEvents.errors());
    }

    private record RecordingSink(List<Object> seen) implements SocketEventSink {
        @Override
        public void opened(Object socket, int fd, int kind, Object address) {
            seen.add(socket);
        }

        @Override
        public void openedWithFd(Object socket, FileDescriptor fd, int kind, Object address) {
            seen.add(socket);
        }

        @Override
        public void closing(FileDescriptor fd) {
            seen.add(fd);
        }

        @Override
        public void failed(Object socket, int operation, Object address, Throwable failure) {
            seen.add(failure);
        }
    }
}
