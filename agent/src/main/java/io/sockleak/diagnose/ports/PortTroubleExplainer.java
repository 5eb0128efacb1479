package io.sockleak.diagnose.ports;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.kernel.Endpoint;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.OtherProcessSockets;
import io.sockleak.report.Console;
import io.sockleak.report.DaemonThreads;
import io.sockleak.report.ReportService;
import io.sockleak.report.Trigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockleak.report.ReportJson;
import io.sockleak.report.model.AgentStatus;
import io.sockleak.report.model.BindFailure;
import io.sockleak.report.model.FdUsage;
import io.sockleak.report.model.KernelStatus;
import io.sockleak.report.model.Leak;
import io.sockleak.report.model.LeakReport;
import io.sockleak.report.model.ListenerEntry;
import io.sockleak.report.model.PortHolder;
import io.sockleak.report.model.ProcessInfo;
import io.sockleak.report.model.SiteEntry;
import io.sockleak.report.model.Summary;
import io.sockleak.report.model.UnacceptedConnection;
import io.sockleak.track.FailureHandler;
import io.sockleak.track.Site;
import io.sockleak.track.SocketRecord;
import io.sockleak.track.SocketTracker;
import io.sockleak.track.StackTrimmer;

import java.net.InetSocketAddress;
import java.net.SocketOptions;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Explains the two port troubles of the seeds when they happen, with the kernel's evidence.
 * <ul>
 *   <li><b>Address already in use</b> (a bind of ServerSocket, Socket, ServerSocketChannel,
 *       SocketChannel or an async listener): reads /proc and names what holds the port (a LISTEN of
 *       this JVM with the stack that opened it, another process's LISTEN with its pid, TIME_WAIT rows
 *       with the time left, ...), prints one stderr line and keeps the last {@value #LOG_CAPACITY}
 *       for the reports' {@code bindFailures}.</li>
 *   <li><b>Too many open files</b> (EMFILE/ENFILE in accept, connect or socket creation): writes a
 *       report with trigger {@code accept-failure}, at most one per {@code failureReportGap}. The
 *       agent holds {@value #RESERVE} spare descriptors from the start and frees them for that report.</li>
 * </ul>
 * The failing thread only records what it knows (its stack, the socket's SO_REUSEADDR) and hands
 * the work to the "sockleak-failure-report" daemon thread. It waits for it at most
 * {@value #WAIT_MILLIS} ms after a bind, so the explanation usually precedes the application's own
 * error output, and at most {@value #REPORT_WAIT_MILLIS} ms (once per gap) after running out of
 * descriptors, so that a retrying acceptor does not take the freed descriptors before the report
 * has read /proc and written its file.
 * Nothing here throws into the application or changes the exception it sees.
 */
public final class PortTroubleExplainer implements FailureHandler, AutoCloseable {

    static final int LOG_CAPACITY = 100;
    static final int RESERVE = 3;
    static final long WAIT_MILLIS = 200;
    /**
     * How long the thread whose accept or connect ran out of descriptors waits for the report (once per
     * gap): longer than after a bind, because a retrying acceptor would otherwise take the descriptors
     * freed for the report, and it can accept nothing meanwhile anyway.
     */
    static final long REPORT_WAIT_MILLIS = 1000;
    /** How long a report waits for bind failures still being explained, so that it includes them. */
    static final long FLUSH_MILLIS = 1000;
    private static final int MAX_QUEUED = 32;
    private static final int MAX_BIND_KEYS = 1024;
    private static final long REFILL_RETRY_MILLIS = 1000;
    /** When the JSON serializers are built ahead of the first report (see {@link #warmUp}). */
    private static final long WARM_UP_DELAY_MILLIS = 2000;
    private static final long NEVER = Long.MIN_VALUE;

    private final SocketTracker tracker;
    private final PortView portView;
    private final Path procRoot;
    private final StackTrimmer trimmer;
    private final long gapNanos;
    private final Console console;
    private final DescriptorReserve reserve = new DescriptorReserve(RESERVE);
    private final BindFailureLog log = new BindFailureLog(LOG_CAPACITY);
    private final ScheduledThreadPoolExecutor worker;
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentHashMap<String, Long> lastBindByKey = new ConcurrentHashMap<>();
    private final AtomicInteger bindsNotExplained = new AtomicInteger();
    private final AtomicInteger bindsInFlight = new AtomicInteger();
    private final Object bindsDone = new Object();
    private volatile Thread workerThread;
    private final AtomicBoolean fdReportRunning = new AtomicBoolean();
    private final AtomicLong lastFdReportNanos = new AtomicLong(NEVER);
    private final AtomicInteger fdFailuresNotReported = new AtomicInteger();
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    private volatile Function<Trigger, ReportService.Written> reporter;

    /**
     * @param procRoot   where /proc is (binds read only their port's rows, with a reader of their own,
     *                   so a bind never waits behind a report's scan)
     * @param stackDepth frames kept of the failed bind's stack (0: none)
     * @param gap        failureReportGap: the least time between two accept-failure reports, and between
     *                   two explanations of the same failing bind (0: no limit)
     */
    public PortTroubleExplainer(SocketTracker tracker, Path procRoot, int stackDepth, Duration gap, Console console) {
        this.tracker = tracker;
        this.procRoot = procRoot;
        this.portView = new PortView(procRoot);
        this.trimmer = new StackTrimmer(Math.max(0, stackDepth));
        this.gapNanos = gap == null ? 0 : Math.max(0, gap.toNanos());
        this.console = console;
        this.worker = new ScheduledThreadPoolExecutor(1, new DaemonThreads("sockleak-failure-report"));
        this.worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Takes the spare descriptors and starts the thread, while the process still has both to give. */
    public PortTroubleExplainer start() {
        int held = reserve.refill();
        worker.prestartCoreThread();
        try {
            worker.schedule(PortTroubleExplainer::warmUp, WARM_UP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException shutDown) {
            // closed already
        }
        if (held < RESERVE) {
            console.line("only " + held + " of " + RESERVE + " spare descriptors could be reserved:"
                    + " a report on \"Too many open files\" may not be written");
        }
        return this;
    }

    /** Where accept-failure reports are written; until set, only the stderr line is. */
    public void reportWith(Function<Trigger, ReportService.Written> reporter) {
        this.reporter = reporter;
    }

    /**
     * The last bind failures explained, oldest first: the reports' {@code bindFailures}. A bind that
     * failed before this call but is still being explained (the kernel read takes long with tens of
     * thousands of sockets) is waited for, up to {@value #FLUSH_MILLIS} ms.
     */
    public List<BindFailure> bindFailures() {
        if (Thread.currentThread() != workerThread) {
            awaitBindsInFlight();
        }
        return log.recent();
    }

    private void awaitBindsInFlight() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
        synchronized (bindsDone) {
            while (bindsInFlight.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    bindsDone.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void bindExplained() {
        bindsInFlight.decrementAndGet();
        synchronized (bindsDone) {
            bindsDone.notifyAll();
        }
    }

    /** Spare descriptors currently held (for tests and status). */
    public int reservedDescriptors() {
        return reserve.held();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        reserve.release();
    }

    @Override
    public void failed(Object socket, int operation, Object address, Throwable failure) {
        try {
            if (operation == SocketEvents.OP_BIND) {
                if (Errno.isAddressInUse(failure)) {
                    addressInUse(socket, address, failure);
                }
            } else if (Errno.isOutOfDescriptors(failure)) {
                outOfDescriptors(socket, operation, failure);
            }
        } catch (Throwable t) {
            tracker.error(t);
        }
    }

    // ---- Address already in use ------------------------------------------------------------------

    private void addressInUse(Object socket, Object address, Throwable failure) {
        InetSocketAddress requested = address instanceof InetSocketAddress inet ? inet : null;
        Boolean reuse = reuseAddressOf(socket);
        String addressText = text(requested);
        String key = addressText + '|' + reuse + '|' + (socket == null ? "" : socket.getClass().getName());
        if (!firstWithinGap(key)) {
            bindsNotExplained.incrementAndGet();
            return;
        }
        Throwable where = new Throwable();
        String at = Instant.now().toString();
        String thread = Thread.currentThread().getName();
        String message = failure.getMessage();
        CountDownLatch done = new CountDownLatch(1);
        Runnable task = () -> {
            try {
                explainBind(requested, addressText, reuse, where, at, thread, message);
            } finally {
                bindExplained();
                done.countDown();
            }
        };
        bindsInFlight.incrementAndGet();
        if (submit(task)) {
            await(done, WAIT_MILLIS);
        } else {
            bindExplained();
        }
    }

    private boolean firstWithinGap(String key) {
        if (gapNanos == 0) {
            return true;
        }
        long now = System.nanoTime();
        if (lastBindByKey.size() > MAX_BIND_KEYS) {
            lastBindByKey.clear();
        }
        boolean[] first = {false};
        lastBindByKey.compute(key, (k, last) -> {
            if (last == null || now - last >= gapNanos) {
                first[0] = true;
                return now;
            }
            return last;
        });
        return first[0];
    }

    private void explainBind(InetSocketAddress requested, String addressText, Boolean reuse, Throwable where,
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
                    fd -> stackOf(byFd.get(fd)), this::pidOwning);
        } else {
            kernelProblem = snapshot == null ? null : snapshot.reason();
            holders = port == 0 ? List.of() : trackedListeners(live, port);
        }
        List<String> stack = new ArrayList<>();
        for (StackTraceElement e : trimmer.trim(withoutOwnFrames(where.getStackTrace()))) {
            stack.add(e.toString());
        }
        BindFailure failure = new BindFailure(port, addressText, at, thread, stack, holders, reuse,
                BindHint.of(port, holders, reuse, kernelProblem));
        log.add(failure);
        console.line(BindLine.of(failure, message, bindsNotExplained.getAndSet(0)));
    }

    /** The stack from the tracker's frames on: the trimmer removes those and the JDK's below the caller. */
    static StackTraceElement[] withoutOwnFrames(StackTraceElement[] raw) {
        String self = PortTroubleExplainer.class.getName();
        int first = 0;
        while (first < raw.length && (raw[first].getClassName().equals(self)
                || raw[first].getClassName().startsWith(self + "$"))) {
            first++;
        }
        return first == 0 ? raw : Arrays.copyOfRange(raw, first, raw.length);
    }

    /** Without /proc: the listeners on the port the agent tracked. */
    private List<PortHolder> trackedListeners(List<SocketRecord> live, int port) {
        List<PortHolder> holders = new ArrayList<>();
        for (SocketRecord r : live) {
            if (r.isListener() && !r.fdReleased() && r.localPort() == port) {
                String local = r.localAddress() == null ? "*:" + port : Endpoint.of(r.localAddress(), port).toString();
                holders.add(new PortHolder("LISTEN", PortHolder.THIS_JVM, null, 1, local, null, stackOf(r)));
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

    // ---- Too many open files ---------------------------------------------------------------------

    private void outOfDescriptors(Object socket, int operation, Throwable failure) {
        long now = System.nanoTime();
        long last = lastFdReportNanos.get();
        boolean tooSoon = last != NEVER && gapNanos > 0 && now - last < gapNanos;
        if (tooSoon || !fdReportRunning.compareAndSet(false, true)) {
            fdFailuresNotReported.incrementAndGet();
            return;
        }
        lastFdReportNanos.set(now);
        String what = operationName(operation);
        String message = failure.getMessage();
        boolean systemWide = Errno.isSystemWide(failure);
        CountDownLatch done = new CountDownLatch(1);
        Runnable task = () -> {
            try {
                reportOutOfDescriptors(socket, what, message, systemWide);
            } finally {
                fdReportRunning.set(false);
                done.countDown();
            }
        };
        if (submit(task)) {
            await(done, REPORT_WAIT_MILLIS);
        } else {
            fdReportRunning.set(false);
        }
    }

    private void reportOutOfDescriptors(Object socket, String what, String message, boolean systemWide) {
        String where = socket == null ? "" : localOf(socket);
        int notReported = fdFailuresNotReported.getAndSet(0);
        Function<Trigger, ReportService.Written> target = reporter;
        ReportService.Written written = null;
        String problem = null;
        reserve.release();
        try {
            if (target != null) {
                written = target.apply(Trigger.ACCEPT_FAILURE);
            }
        } catch (Throwable t) {
            tracker.error(t);
            problem = t.toString();
        } finally {
            if (reserve.refill() < RESERVE) {
                scheduleRefill();
            }
        }
        StringBuilder line = new StringBuilder(256);
        line.append(what).append(where).append(" failed: ").append(message);
        if (written != null) {
            LeakReport report = written.report();
            FdUsage fds = report.process() == null ? null : report.process().fds();
            if (fds != null) {
                line.append(" (").append(fds.open()).append(" of ")
                        .append(fds.limit() < 0 ? "unlimited" : String.valueOf(fds.limit()))
                        .append(" descriptors open");
            } else {
                line.append(" (descriptor count unavailable");
            }
            line.append(", ").append(report.summary().trackedOpen()).append(" sockets tracked");
            if (!report.openBySite().isEmpty()) {
                SiteEntry top = report.openBySite().get(0);
                line.append(", ").append(top.count()).append(" opened at ").append(top.frame());
            }
            line.append(')');
        }
        if (systemWide) {
            line.append("; the whole system is out of file handles (fs.file-max), not only this process");
        }
        if (written != null) {
            line.append(written.path() != null ? "; report: " + written.path()
                    : "; the report could not be written yet, the agent retries");
        }
        if (problem != null) {
            line.append("; no report: ").append(problem);
        }
        if (notReported > 0) {
            line.append(" (").append(notReported).append(notReported == 1 ? " failure" : " failures")
                    .append(" like it since the previous report not reported: failureReportGap)");
        }
        console.line(line.toString());
    }

    private String localOf(Object socket) {
        for (SocketRecord r : tracker.liveRecords()) {
            if (r.refersTo(socket)) {
                if (r.localAddress() != null) {
                    return " on " + Endpoint.of(r.localAddress(), r.localPort());
                }
                return r.localPort() > 0 ? " on port " + r.localPort() : "";
            }
        }
        return "";
    }

    private static String operationName(int operation) {
        return switch (operation) {
            case SocketEvents.OP_ACCEPT -> "accept";
            case SocketEvents.OP_CONNECT -> "connect";
            case SocketEvents.OP_CREATE -> "socket creation";
            default -> "socket operation";
        };
    }

    private void scheduleRefill() {
        if (refillScheduled.compareAndSet(false, true)) {
            try {
                worker.schedule(() -> {
                    refillScheduled.set(false);
                    if (reserve.refill() < RESERVE) {
                        scheduleRefill();
                    }
                }, REFILL_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RuntimeException shutDown) {
                refillScheduled.set(false);
            }
        }
    }

    /**
     * Builds the JSON serializers of the report model once, in the background shortly after start:
     * the first serialization in a JVM costs 0.5-2 s (Jackson's set-up), which an accept-failure
     * report must not spend while its descriptors are freed and a retrying acceptor may take them.
     */
    static void warmUp() {
        try {
            ObjectMapper mapper = ReportJson.mapper();
            for (Class<?> type : List.of(LeakReport.class, ProcessInfo.class, FdUsage.class, AgentStatus.class,
                    KernelStatus.class, Summary.class, ListenerEntry.class, UnacceptedConnection.class, Leak.class,
                    SiteEntry.class, BindFailure.class, PortHolder.class)) {
                mapper.canSerialize(type);
            }
            mapper.writeValueAsBytes(new PortHolder("LISTEN", PortHolder.NONE, null, 1, "*:0", null, List.of()));
        } catch (Exception | LinkageError e) {
            // only a warm-up: the report will do it itself
        }
    }

    // ---- the worker ------------------------------------------------------------------------------

    private boolean submit(Runnable task) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return false; // a burst of failures: the queued ones will tell the story
        }
        try {
            worker.execute(() -> {
                workerThread = Thread.currentThread();
                queued.decrementAndGet();
                try {
                    task.run();
                } catch (Throwable t) {
                    tracker.error(t);
                }
            });
            return true;
        } catch (RuntimeException shutDown) {
            queued.decrementAndGet();
            return false;
        }
    }

    private static void await(CountDownLatch done, long millis) {
        try {
            done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
