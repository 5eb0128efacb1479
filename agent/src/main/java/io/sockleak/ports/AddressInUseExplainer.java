package io.sockleak.ports;

import io.sockleak.kernel.Endpoint;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.OtherProcessSockets;
import io.sockleak.kernel.PortView;
import io.sockleak.support.Console;
import io.sockleak.model.BindFailure;
import io.sockleak.model.PortHolder;
import io.sockleak.track.Site;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;
import io.sockleak.track.StackTrimmer;

import java.net.InetSocketAddress;
import java.net.SocketOptions;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Explains a bind that failed with "Address already in use" (ServerSocket, Socket,
 * ServerSocketChannel, SocketChannel or an async listener): reads the port's rows in /proc and names
 * what holds it (a LISTEN of this JVM with the stack that opened it, another process's LISTEN with
 * its pid, TIME_WAIT rows with the time left, ...), prints one stderr line with a hint and keeps the
 * last {@value #LOG_CAPACITY} for the reports' {@code bindFailures}. Which failures are explained:
 * {@link RepeatedBinds}. The failing thread records its stack and the socket's SO_REUSEADDR and waits
 * for the worker at most {@value #WAIT_MILLIS} ms: a failed bind costs the application a few
 * milliseconds at most (a report waits for explanations still running, so none is lost at exit).
 */
final class AddressInUseExplainer {

    static final int LOG_CAPACITY = 100;
    static final long WAIT_MILLIS = 5;
    /** How long a report waits for bind failures still being explained, so that it includes them. */
    static final long FLUSH_MILLIS = 1000;
    /** The classes whose frames stand above the failing bind's in a captured stack: this one and the dispatcher. */
    private static final Set<String> OWN_CLASSES = Set.of(
            AddressInUseExplainer.class.getName(), PortTroubleExplainer.class.getName());

    private final SocketTracker tracker;
    private final PortView portView;
    private final Path procRoot;
    private final StackTrimmer trimmer;
    private final Console console;
    private final FailureWorker worker;
    private final BindFailureLog log = new BindFailureLog(LOG_CAPACITY);
    private final RepeatedBinds repeats;
    private final BindsInFlight inFlight = new BindsInFlight();

    /**
     * @param procRoot   where /proc is (binds read only their port's rows, with a reader of their own,
     *                   so a bind never waits behind a report's scan)
     * @param stackDepth frames kept of the failed bind's stack (0: none)
     * @param gapNanos   the least time between two explanations of the same failing bind (0: no limit)
     */
    AddressInUseExplainer(SocketTracker tracker, Path procRoot, int stackDepth, long gapNanos, Console console,
                          FailureWorker worker) {
        this.tracker = tracker;
        this.procRoot = procRoot;
        this.portView = new PortView(procRoot);
        this.trimmer = new StackTrimmer(Math.max(0, stackDepth), OWN_CLASSES);
        this.repeats = new RepeatedBinds(gapNanos);
        this.console = console;
        this.worker = worker;
    }

    /**
     * The last bind failures explained, oldest first. A bind that failed before this call but is still
     * being explained (the kernel read takes long with tens of thousands of sockets) is waited for, up
     * to {@value #FLUSH_MILLIS} ms.
     */
    List<BindFailure> recent() {
        if (!worker.isCurrentThread()) {
            inFlight.awaitNone(FLUSH_MILLIS);
        }
        return log.recent();
    }

    /** On the thread whose bind failed. */
    void explain(Object socket, Object address, Throwable failure) {
        InetSocketAddress requested = address instanceof InetSocketAddress inet ? inet : null;
        Boolean reuse = reuseAddressOf(socket);
        String addressText = text(requested);
        if (!repeats.shouldExplain(addressText, reuse, socket)) {
            return;
        }
        Throwable where = new Throwable();
        String at = Instant.now().toString();
        String thread = Thread.currentThread().getName();
        String message = failure.getMessage();
        inFlight.started();
        worker.runAndWait(() -> explainOnWorker(requested, addressText, reuse, where, at, thread, message),
                inFlight::finished, WAIT_MILLIS);
    }

    private void explainOnWorker(InetSocketAddress requested, String addressText, Boolean reuse, Throwable where,
                                 String at, String thread, String message) {
        int port = requested == null ? 0 : requested.getPort();
        KernelSnapshot snapshot = port == 0 ? null : portView.read(port);
        List<SocketRecord> live = tracker.liveRecords();
        List<PortHolder> holders;
        String kernelProblem = null;
        if (snapshot != null && snapshot.available()) {
            Map<Integer, SocketRecord> byFd = new HashMap<>();
            for (SocketRecord r : live) {
                byFd.put(r.fd(), r);
            }
            holders = PortHolders.find(snapshot, endpoint(requested),
                    fd -> stackOf(byFd.get(fd)), this::pidOwning, tracker.sites().frameRule());
        } else {
            kernelProblem = snapshot == null ? null : snapshot.reason();
            holders = port == 0 ? List.of() : trackedListeners(live, port);
        }
        List<String> stack = new ArrayList<>();
        for (StackTraceElement e : trimmer.trim(where.getStackTrace())) {
            stack.add(e.toString());
        }
        BindFailure failure = new BindFailure(port, addressText, at, thread, stack, holders, reuse,
                BindHint.of(port, holders, reuse, kernelProblem));
        log.add(failure);
        console.line(BindLine.of(failure, message, repeats.takeNotExplained()));
    }

    /** Without /proc: the listeners on the port the agent tracked. */
    private List<PortHolder> trackedListeners(List<SocketRecord> live, int port) {
        List<PortHolder> holders = new ArrayList<>();
        for (SocketRecord r : live) {
            if (r.isListener() && !r.fdReleased() && r.localPort() == port) {
                String local = Endpoint.text(r.localAddress(), port);
                List<String> stack = stackOf(r);
                holders.add(new PortHolder("LISTEN", PortHolder.THIS_JVM, null, 1, local, null, stack,
                        tracker.sites().frameRule().frameOf(stack)));
            }
        }
        return holders;
    }

    private List<String> stackOf(SocketRecord record) {
        Site site = record == null ? null : record.site(tracker.sites());
        return site == null ? List.of() : site.stack();
    }

    private Long pidOwning(long inode) {
        OptionalLong pid = OtherProcessSockets.pidOwningInode(procRoot, inode);
        return pid.isPresent() ? pid.getAsLong() : null;
    }

    /** SO_REUSEADDR of the socket whose bind just failed (still open: the JDK closes it after the advice). */
    static Boolean reuseAddressOf(Object socket) {
        try {
            if (socket instanceof NetworkChannel channel) {
                return channel.getOption(StandardSocketOptions.SO_REUSEADDR);
            }
            if (socket instanceof SocketOptions impl) {
                Object value = impl.getOption(SocketOptions.SO_REUSEADDR);
                return value instanceof Boolean b ? b : null;
            }
        } catch (Exception | LinkageError e) {
            // closed meanwhile, or an implementation that does not say
        }
        return null;
    }

    private static Endpoint endpoint(InetSocketAddress address) {
        if (address == null || address.getAddress() == null) {
            return address == null ? null : Endpoint.ofIpv4(0, address.getPort());
        }
        return Endpoint.of(address.getAddress(), address.getPort());
    }

    static String text(InetSocketAddress address) {
        if (address == null) {
            return "*:0";
        }
        if (address.getAddress() == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        return Endpoint.of(address.getAddress(), address.getPort()).toString();
    }
}
