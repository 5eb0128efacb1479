package io.sockleak.ports;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.kernel.ProcCapture;
import io.sockleak.support.Console;
import io.sockleak.model.Trigger;
import io.sockleak.model.BindFailure;
import io.sockleak.model.PortHolder;
import io.sockleak.track.SocketTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explainer against a proc root made of the real captures (see {@link ProcCapture}). */
class PortTroubleExplainerTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SocketTracker tracker = new SocketTracker(null, 16, 100);
    private final List<Trigger> reports = new CopyOnWriteArrayList<>();
    private PortTroubleExplainer explainer;

    private PortTroubleExplainer explainer(Duration gap) throws IOException {
        explainer = new PortTroubleExplainer(tracker, ProcCapture.fakeProcRoot(tmp.resolve("proc")), 16, gap,
                new Console(new PrintStream(err, true, StandardCharsets.UTF_8))).start();
        explainer.reportWith(trigger -> {
            reports.add(trigger);
            return null;
        });
        return explainer;
    }

    @AfterEach
    void close() {
        if (explainer != null) {
            explainer.close();
        }
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static InetSocketAddress loopback(int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
    }

    @Test
    void addressInUseIsExplainedOnceWithTheHoldersAndLogged() throws IOException {
        PortTroubleExplainer ports = explainer(Duration.ofSeconds(10));
        ports.failed(null, SocketEvents.OP_BIND, loopback(34559), new BindException("Address already in use"));

        List<BindFailure> failures = ports.bindFailures();
        assertEquals(1, failures.size());
        BindFailure f = failures.get(0);
        assertEquals(34559, f.port());
        assertEquals("127.0.0.1:34559", f.address());
        assertEquals(Thread.currentThread().getName(), f.thread());
        assertFalse(f.stack().isEmpty());
        assertTrue(f.stack().get(0).startsWith(getClass().getName() + ".addressInUseIsExplained"),
                f.stack()::toString);
        assertEquals(new PortHolder("LISTEN", "this-jvm", null, 1, "127.0.0.1:34559", null, List.of()),
                f.holders().get(0));
        assertTrue(f.hint().startsWith("a listener opened by this JVM still holds the port"), f.hint());
        assertTrue(stderr().startsWith("sockleak: bind 127.0.0.1:34559 failed: Address already in use; held by"
                + " LISTEN in this JVM (not tracked by the agent), 2 CLOSE_WAIT in this JVM"), stderr());

        // the same bind failing again within the gap is counted, not explained again
        ports.failed(null, SocketEvents.OP_BIND, loopback(34559), new BindException("Address already in use"));
        assertEquals(1, ports.bindFailures().size());
        ports.failed(null, SocketEvents.OP_BIND, loopback(56188), new BindException("Address already in use"));
        List<BindFailure> after = ports.bindFailures();
        assertEquals(2, after.size());
        assertEquals("TIME_WAIT", after.get(1).holders().get(0).state());
        assertTrue(stderr().contains("(1 more bind failure not explained since the last line)"), stderr());
    }

    @Test
    void otherFailuresAreLeftAlone() throws IOException {
        PortTroubleExplainer ports = explainer(Duration.ZERO);
        ports.failed(null, SocketEvents.OP_BIND, loopback(34559), new BindException("Cannot assign requested address"));
        ports.failed(null, SocketEvents.OP_CONNECT, loopback(34559), new ConnectException("Connection refused"));
        ports.failed(null, SocketEvents.OP_ACCEPT, null, new SocketException("Socket closed"));
        ports.failed(null, SocketEvents.OP_ACCEPT, null, new IllegalStateException("Too many open files"));

        assertEquals(List.of(), ports.bindFailures());
        assertEquals(List.of(), reports);
        assertEquals("", stderr());
    }

    @Test
    void outOfDescriptorsWritesOneReportPerGapWithTheReserveFreedAndTakenBack() throws IOException {
        PortTroubleExplainer ports = explainer(Duration.ofSeconds(10));
        assertEquals(PortTroubleExplainer.RESERVE, ports.reservedDescriptors());
        ports.failed(null, SocketEvents.OP_ACCEPT, null, new IOException("Too many open files"));
        ports.failed(null, SocketEvents.OP_ACCEPT, null, new IOException("Too many open files"));
        ports.failed(null, SocketEvents.OP_CREATE, null, new IOException("Too many open files in system"));

        assertEquals(List.of(Trigger.ACCEPT_FAILURE), reports);
        assertEquals(PortTroubleExplainer.RESERVE, ports.reservedDescriptors());
        assertTrue(stderr().startsWith("sockleak: accept failed: Too many open files"), stderr());
    }

    @Test
    void withoutGapEveryFailureReports() throws IOException {
        PortTroubleExplainer ports = explainer(Duration.ZERO);
        ports.failed(null, SocketEvents.OP_ACCEPT, null, new IOException("Too many open files"));
        ports.failed(null, SocketEvents.OP_CONNECT, null, new IOException("Too many open files"));

        assertEquals(List.of(Trigger.ACCEPT_FAILURE, Trigger.ACCEPT_FAILURE), reports);
        assertTrue(stderr().contains("sockleak: connect failed: Too many open files"), stderr());
    }

    @Test
    void aFailingReportNeverReachesTheApplication() throws IOException {
        PortTroubleExplainer ports = explainer(Duration.ZERO);
        ports.reportWith(trigger -> {
            throw new IllegalStateException("disk on fire");
        });
        ports.failed(null, SocketEvents.OP_ACCEPT, null, new IOException("Too many open files"));

        assertTrue(tracker.errors() >= 1);
        assertEquals(PortTroubleExplainer.RESERVE, ports.reservedDescriptors());
    }

    @Test
    void errnoRecognisesTheMessagesAndTheirCauses() {
        assertTrue(Errno.isAddressInUse(new BindException("Address already in use")));
        assertTrue(Errno.isAddressInUse(new IOException("wrapped", new BindException("Address already in use"))));
        assertFalse(Errno.isAddressInUse(new BindException("Permission denied")));
        assertTrue(Errno.isOutOfDescriptors(new IOException("Too many open files")));
        assertTrue(Errno.isOutOfDescriptors(new SocketException("Too many open files in system")));
        assertTrue(Errno.isSystemWide(new SocketException("Too many open files in system")));
        assertFalse(Errno.isSystemWide(new IOException("Too many open files")));
        assertFalse(Errno.isOutOfDescriptors(new IOException((String) null)));
    }
}
