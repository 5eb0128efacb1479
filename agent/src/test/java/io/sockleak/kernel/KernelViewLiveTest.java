package io.sockleak.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Against the real /proc of this JVM. */
@EnabledOnOs(OS.LINUX)
class KernelViewLiveTest {

    private final KernelView view = new KernelView(Path.of("/proc"));

    @Test
    void seesOwnListenerAndCloseWait() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket listener = new ServerSocket(0, 50, loopback)) {
            int port = listener.getLocalPort();
            Socket client = new Socket(loopback, port);
            try (Socket accepted = listener.accept()) {
                int clientPort = client.getLocalPort();
                assertEquals(clientPort, accepted.getPort());
                client.close();

                KernelSnapshot snapshot = awaitCloseWait(port, clientPort);

                assertTrue(snapshot.available(), snapshot.reason());
                Map<Long, Integer> fdByInode = snapshot.fdByInode();
                TcpRow listen = snapshot.rowsOnPort(port).stream()
                        .filter(r -> r.state() == TcpState.LISTEN).findFirst()
                        .orElseThrow(() -> new AssertionError("no LISTEN row on " + port + ": " + snapshot.rows()));
                assertEquals("127.0.0.1:" + port, listen.local().toString());
                assertNotEquals(0, listen.inode());
                assertTrue(snapshot.socketInodeByFd().containsValue(listen.inode()), "listener inode held by an fd of ours");

                TcpRow closeWait = closeWaitRow(snapshot, port, clientPort).orElseThrow();
                assertEquals(Endpoint.of(loopback, clientPort), closeWait.remote());
                assertNotEquals(0, closeWait.inode());
                Integer fd = fdByInode.get(closeWait.inode());
                assertNotNull(fd, "CLOSE_WAIT inode " + closeWait.inode() + " not among " + snapshot.socketInodeByFd());
                assertTrue(fd > 2);
                assertEquals(closeWait, snapshot.rowsByInode().get(closeWait.inode()));
                assertEquals(1, closeWait.rxQueue(), "the FIN counts as one byte");

                assertTrue(snapshot.openFds() >= snapshot.socketInodeByFd().size());
                assertNotEquals(KernelSnapshot.FD_LIMIT_UNKNOWN, snapshot.fdLimit());
                assertTrue(snapshot.takenAtMillis() <= System.currentTimeMillis());
            }
        }
    }

    @Test
    void openFdCountIncludesANewListener() throws Exception {
        int before = view.snapshot().openFds();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            KernelSnapshot during = view.snapshot();
            assertTrue(during.openFds() >= before + 1, before + " -> " + during.openFds());
            assertTrue(during.rowsOnPort(listener.getLocalPort()).stream()
                    .anyMatch(r -> during.socketInodeByFd().containsValue(r.inode())));
        }
    }

    @Test
    void snapshotsStayWholeWhileSocketsOpenAndCloseConcurrently() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> churnFailure = new AtomicReference<>();
        try (ServerSocket listener = new ServerSocket(0, 200, loopback)) {
            Thread churn = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try (Socket client = new Socket(loopback, listener.getLocalPort());
                             Socket accepted = listener.accept()) {
                            client.setSoLinger(true, 0);
                            accepted.setSoLinger(true, 0);
                        }
                    }
                } catch (Throwable t) {
                    churnFailure.set(t);
                }
            });
            churn.start();
            try {
                for (int i = 0; i < 200; i++) {
                    KernelSnapshot snapshot = view.snapshot();
                    assertTrue(snapshot.available(), snapshot.reason());
                    assertTrue(snapshot.rowsOnPort(listener.getLocalPort()).stream()
                            .anyMatch(r -> r.state() == TcpState.LISTEN));
                    assertTrue(snapshot.socketInodeByFd().values().stream().allMatch(inode -> inode > 0));
                }
            } finally {
                stop.set(true);
                churn.join(10_000);
            }
        }
        assertEquals(null, churnFailure.get());
    }

    private KernelSnapshot awaitCloseWait(int port, int clientPort) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        KernelSnapshot snapshot;
        do {
            snapshot = view.snapshot();
            if (closeWaitRow(snapshot, port, clientPort).isPresent()) {
                return snapshot;
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        } while (System.nanoTime() - deadline < 0);
        return fail("no CLOSE_WAIT row on port " + port + " within 10 s: " + snapshot.rowsOnPort(port) + " " + snapshot.reason());
    }

    private static Optional<TcpRow> closeWaitRow(KernelSnapshot snapshot, int port, int clientPort) {
        return snapshot.rowsOnPort(port).stream()
                .filter(r -> r.state() == TcpState.CLOSE_WAIT && r.remote().port() == clientPort)
                .findFirst();
    }
}
