package io.sockleak.demo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One benchmark workload in a JVM of its own, started by {@link BenchMain} with or without the agent:
 * {@code BenchChild WORKLOAD key=value...}. Prints exactly one {@code BENCH key=value ...} line with
 * the result (or {@code BENCH error=...}) on stdout. Whatever asks the agent anything (reflectively:
 * the agent jar is on the system class path when it is loaded) does so outside the measured regions.
 */
public final class BenchChild {

    /** The agent's default scanInterval. */
    private static final long SCAN_INTERVAL_MILLIS = 10_000;


    static final String RESULT_PREFIX = "BENCH ";
    static final String READY = "READY";

    /** 127.0.0.1 as a literal: no name service involved. */
    static final InetAddress LOOPBACK = loopback();

    /** A child ends itself if the driver has gone away and left it running. */
    private static final long WATCHDOG_MS = 300_000;

    private BenchChild() {
    }

    public static void main(String[] args) throws Exception {
        startWatchdog();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        int code = 0;
        try {
            switch (args.length == 0 ? "" : args[0]) {
                case "churn" -> churn(opts, result);
                case "heap" -> heap(opts, result);
                case "report" -> report(opts, result);
                case "attach-target" -> attachTarget(result);
                case "pool" -> pool(opts, result);
                default -> throw new IllegalArgumentException("unknown workload " + (args.length == 0 ? "" : args[0]));
            }
        } catch (Throwable t) {
            result.put("error", (t.getClass().getSimpleName() + ": " + t.getMessage()).replace(' ', '_'));
            code = 1;
        }
        System.out.println(line(result));
        System.out.flush();
        System.exit(code);
    }

    static String line(Map<String, Object> result) {
        StringJoiner j = new StringJoiner(" ", RESULT_PREFIX, "");
        result.forEach((k, v) -> j.add(k + "=" + (v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v)));
        return j.toString();
    }

    // ---------------------------------------------------------------- pool

    /**
     * Pooled requests: HttpURLConnection GETs on one thread against a keep-alive server in this JVM, the
     * body read and closed, so each request borrows the connection from the JDK's keep-alive cache and
     * returns it: the pool hooks' cost (a borrow with its stack, a return) on a real request path.
     */
    private static void pool(Map<String, String> opts, Map<String, Object> result) throws Exception {
        long warmupMs = Long.parseLong(opts.getOrDefault("warmupMs", "2000"));
        long measureMs = Long.parseLong(opts.getOrDefault("measureMs", "4000"));
        try (io.sockleak.demo.IdleClosingHttpServer server = new io.sockleak.demo.IdleClosingHttpServer()) {
            java.net.URL url = java.net.URI.create(server.url()).toURL();
            byte[] sink = new byte[64];
            long end = System.nanoTime() + warmupMs * 1_000_000;
            while (System.nanoTime() < end) {
                get(url, sink);
            }
            long n = 0;
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            end = t0 + measureMs * 1_000_000;
            while (System.nanoTime() < end) {
                get(url, sink);
                n++;
            }
            long t1 = System.nanoTime();
            long cpu1 = processCpuNanos();
            double seconds = (t1 - t0) / 1e9;
            result.put("workload", "pool");
            result.put("requests", n);
            result.put("rate", n / seconds);
            result.put("usPerRequest", seconds * 1e6 / Math.max(1, n));
            result.put("cpuUsPerRequest", (cpu1 - cpu0) / 1e3 / Math.max(1, n));
        }
        agentFacts(result);
    }

    private static void get(java.net.URL url, byte[] sink) throws IOException {
        java.net.HttpURLConnection http = (java.net.HttpURLConnection) url.openConnection();
        try (java.io.InputStream body = http.getInputStream()) {
            while (body.read(sink) != -1) {
                // read to the end: the connection goes back to the keep-alive cache
            }
        }
    }

    // ---------------------------------------------------------------- churn

    /**
     * Loopback connection churn: per cycle connect, accept, close the accepted end, close the client
     * end, all on one thread with its own listener. The server side closes first, so TIME_WAIT lands on
     * the listener's port (where a new SYN may reuse it) and never on the client's ephemeral ports.
     */
    private static void churn(Map<String, String> opts, Map<String, Object> result) throws Exception {
        String api = opts.getOrDefault("api", "net");
        int threads = Integer.parseInt(opts.getOrDefault("threads", "1"));
        long warmupMs = Long.parseLong(opts.getOrDefault("warmupMs", "2000"));
        long measureMs = Long.parseLong(opts.getOrDefault("measureMs", "4000"));
        int depth = Integer.parseInt(opts.getOrDefault("depth", "0"));

        ChurnWorker[] workers = new ChurnWorker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = api.equals("nio") ? new NioChurn(depth) : new NetChurn(depth);
            workers[i].setName("churn-" + i);
            workers[i].setDaemon(true);
        }
        for (ChurnWorker w : workers) {
            w.start();
        }
        Thread.sleep(warmupMs);
        long c0 = sum(workers);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        long workerCpu0 = threadCpuNanos(workers);
        Map<String, Long> tasks0 = taskTicks();
        Thread.sleep(measureMs);
        long c1 = sum(workers);
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        long workerCpu1 = threadCpuNanos(workers);
        Map<String, Long> tasks1 = taskTicks();
        for (ChurnWorker w : workers) {
            w.stopping = true;
        }
        for (ChurnWorker w : workers) {
            w.join(10_000);
        }
        long errors = 0;
        String firstError = null;
        for (ChurnWorker w : workers) {
            errors += w.errors;
            if (firstError == null) {
                firstError = w.firstError;
            }
            w.closeListener();
        }
        double seconds = (t1 - t0) / 1e9;
        double rate = (c1 - c0) / seconds;
        scanCost(rate, result);
        result.put("workload", "churn-" + api + "-" + threads);
        result.put("timeWaitRows", BenchMain.timeWaitRows());
        result.put("cycles", c1 - c0);
        result.put("seconds", seconds);
        result.put("rate", rate);
        result.put("usPerCycle", seconds * 1e6 / Math.max(1, c1 - c0));
        result.put("cpuUsPerCycle", (cpu1 - cpu0) / 1e3 / Math.max(1, c1 - c0));
        result.put("workerCpuUsPerCycle", (workerCpu1 - workerCpu0) / 1e3 / Math.max(1, c1 - c0));
        result.put("errors", errors);
        result.put("otherThreadsCpuMs", otherThreads(tasks0, tasks1));
        if (firstError != null) {
            result.put("firstError", firstError.replace(' ', '_'));
        }
        agentFacts(result);
    }

    /**
     * The agent's periodic scan, which the churn window leaves out once the table is full (the monitor
     * scans 1 s after the start, then waits at least 200 times as long as a read of /proc took): the CPU
     * of one scan at the table the churn left, spread over the interval the monitor's own rule gives it,
     * per cycle at {@code rate}. Nothing in the arm without the agent.
     */
    private static void scanCost(double rate, Map<String, Object> result) throws ReflectiveOperationException {
        Object agent = agent();
        if (agent == null) {
            return;
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Object service = agent.getClass().getMethod("reports").invoke(agent);
        Method lastSnapshotMillis = service.getClass().getMethod("lastSnapshotMillis");
        List<Double> wallMs = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        List<Double> snapshotMs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            scan(agent);
            wallMs.add((System.nanoTime() - wall0) / 1e6);
            cpuMs.add((threads.getCurrentThreadCpuTime() - cpu0) / 1e6);
            snapshotMs.add(((Number) lastSnapshotMillis.invoke(service)).doubleValue());
        }
        double scanMs = Stats.of(wallMs).median();
        double everySeconds = nextScanDelayMillis(Math.round(Stats.of(snapshotMs).median())) / 1000.0;
        result.put("scanMs", scanMs);
        result.put("scanCpuMs", Stats.of(cpuMs).median());
        result.put("scanEveryS", everySeconds);
        result.put("scanUsPerCycle", Stats.of(cpuMs).median() * 1000 / (everySeconds * rate));
    }

    /** The monitor's own rule ({@code io.sockleak.report.Monitor.nextScanDelay}) for the default interval. */
    private static long nextScanDelayMillis(long lastSnapshotMillis) throws ReflectiveOperationException {
        Method rule = Class.forName("io.sockleak.report.Monitor", true, ClassLoader.getSystemClassLoader())
                .getDeclaredMethod("nextScanDelay", long.class, long.class);
        rule.setAccessible(true);
        return (long) rule.invoke(null, SCAN_INTERVAL_MILLIS, lastSnapshotMillis);
    }

    /** CPU time of the whole process (user and system, all threads: the agent's monitor included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU ticks of this process's threads (from /proc/self/task/N/stat) by thread name with digits
     * folded, so "C2 CompilerThread0" and "C2 CompilerThread1" add up. Empty where there is no /proc.
     */
    static Map<String, Long> taskTicks() {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name.replaceAll("[0-9]+", "#").replace(' ', '_'),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return ticks;
    }

    /** The threads other than the churn threads that used CPU in the window, in ms (10 ms resolution). */
    private static String otherThreads(Map<String, Long> before, Map<String, Long> after) {
        StringJoiner j = new StringJoiner(",");
        after.forEach((name, t) -> {
            long ms = (t - before.getOrDefault(name, 0L)) * 10;
            if (ms > 0 && !name.startsWith("churn-")) {
                j.add(name + ":" + ms);
            }
        });
        return j.length() == 0 ? "-" : j.toString();
    }

    /** CPU time of the churn threads alone (not the JIT, GC or agent threads). */
    private static long threadCpuNanos(ChurnWorker[] workers) {
        long sum = 0;
        for (ChurnWorker w : workers) {
            sum += ManagementFactory.getThreadMXBean().getThreadCpuTime(w.getId());
        }
        return sum;
    }

    private static long sum(ChurnWorker[] workers) {
        long s = 0;
        for (ChurnWorker w : workers) {
            s += w.count.get();
        }
        return s;
    }

    private abstract static class ChurnWorker extends Thread {
        final AtomicLong count = new AtomicLong();
        final int depth;
        volatile boolean stopping;
        long errors;
        String firstError;

        ChurnWorker(int depth) {
            this.depth = depth;
        }

        @Override
        public final void run() {
            descend(depth);
        }

        /** Extra frames under the socket calls, to stand for an application's call depth. */
        private void descend(int n) {
            if (n > 0) {
                descend(n - 1);
                return;
            }
            long done = 0;
            while (!stopping) {
                try {
                    cycle();
                    count.lazySet(++done);
                } catch (IOException e) {
                    if (errors++ == 0) {
                        firstError = e.toString();
                    }
                    if (errors > 100) {
                        return;
                    }
                }
            }
        }

        abstract void cycle() throws IOException;

        abstract void closeListener() throws IOException;
    }

    /** One java.net cycle: connect, accept, close the accepted end, then the client's. */
    static void netCycle(ServerSocket listener, int port) throws IOException {
        Socket client = new Socket(LOOPBACK, port);
        try {
            Socket accepted = listener.accept();
            accepted.close();
        } finally {
            client.close();
        }
    }

    /** The same cycle with NIO channels. */
    static void nioCycle(ServerSocketChannel listener, InetSocketAddress address) throws IOException {
        SocketChannel client = SocketChannel.open(address);
        try {
            SocketChannel accepted = listener.accept();
            accepted.close();
        } finally {
            client.close();
        }
    }

    private static final class NetChurn extends ChurnWorker {
        private final ServerSocket listener;
        private final int port;

        NetChurn(int depth) throws IOException {
            super(depth);
            listener = new ServerSocket(0, 128, LOOPBACK);
            port = listener.getLocalPort();
        }

        @Override
        void cycle() throws IOException {
            netCycle(listener, port);
        }

        @Override
        void closeListener() throws IOException {
            listener.close();
        }
    }

    private static final class NioChurn extends ChurnWorker {
        private final ServerSocketChannel listener;
        private final InetSocketAddress address;

        NioChurn(int depth) throws IOException {
            super(depth);
            listener = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0), 128);
            address = new InetSocketAddress(LOOPBACK, ((InetSocketAddress) listener.getLocalAddress()).getPort());
        }

        @Override
        void cycle() throws IOException {
            nioCycle(listener, address);
        }

        @Override
        void closeListener() throws IOException {
            listener.close();
        }
    }

    // ---------------------------------------------------------------- heap

    /**
     * Used heap after GC with {@code from} and then {@code to} loopback connections open (both ends in
     * this process, so two sockets per connection), each measured right after opening and again after
     * {@code waitMs}, by when the agent's monitor has interned the stacks of sockets older than 2 s.
     * With the agent, each measurement follows a scan of /proc like the monitor's periodic one (every
     * 10 s by default), so the agent's /proc read buffer has the size it has in a running application
     * at that many sockets; its size is reported apart as well.
     */
    private static void heap(Map<String, String> opts, Map<String, Object> result) throws Exception {
        int from = Integer.parseInt(opts.getOrDefault("from", "1000"));
        int to = Integer.parseInt(opts.getOrDefault("to", "4000"));
        long waitMs = Long.parseLong(opts.getOrDefault("waitMs", "3500"));
        long settledUptimeMs = Long.parseLong(opts.getOrDefault("settledUptimeMs", "7000"));
        checkFdLimit(2L * to + 100);
        Object agent = agent();
        // Both arms: the platform MBean server (which the agent registers its MBean with, 5 s after it
        // starts) is there before anything is measured.
        ManagementFactory.getPlatformMBeanServer();
        try (ServerSocket listener = new ServerSocket(0, 128, LOOPBACK)) {
            List<Socket> kept = new ArrayList<>(2 * to);
            open(listener, kept, from);
            scan(agent);
            long fromNow = usedAfterGc();
            // The base of both slopes comes after the agent's delayed start-up work (JMX registration at
            // 5 s, warming its JSON writer at 2 s), which would otherwise land between the two points.
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            Thread.sleep(Math.max(waitMs, settledUptimeMs - uptime));
            scan(agent);
            long fromLater = usedAfterGc();
            long fromBuffer = procBufferBytes(agent);
            open(listener, kept, to - from);
            scan(agent);
            long toNow = usedAfterGc();
            Thread.sleep(waitMs);
            scan(agent);
            long toLater = usedAfterGc();
            long toBuffer = procBufferBytes(agent);
            int added = to - from;
            if (fromBuffer >= 0 && toBuffer >= 0) {
                result.put("bufferFrom", fromBuffer);
                result.put("bufferTo", toBuffer);
                result.put("bufferPerConn", (double) (toBuffer - fromBuffer) / added);
            }
            result.put("workload", "heap");
            result.put("from", from);
            result.put("to", to);
            result.put("usedFromNow", fromNow);
            result.put("usedFromLater", fromLater);
            result.put("usedToNow", toNow);
            result.put("usedToLater", toLater);
            // Bytes per connection (two sockets): the later opened ones with their raw stacks, all interned.
            result.put("perConnNow", (double) (toNow - fromLater) / added);
            result.put("perConnLater", (double) (toLater - fromLater) / added);
            agentFacts(result);
            closeWithoutTimeWait(kept);
        }
    }

    /** What the monitor does every scanInterval: snapshot /proc and correlate (no report, no stacks). */
    private static void scan(Object agent) throws ReflectiveOperationException {
        if (agent != null) {
            Object service = agent.getClass().getMethod("reports").invoke(agent);
            service.getClass().getMethod("diagnose").invoke(service);
        }
    }

    /**
     * The size of the buffer the agent keeps between reads of /proc (ReportService.kernel ->
     * KernelView.reader -> ProcFileReader.buffer), or -1 when that is not how the agent is built.
     */
    private static long procBufferBytes(Object agent) {
        if (agent == null) {
            return -1;
        }
        try {
            Object service = agent.getClass().getMethod("reports").invoke(agent);
            Object kernel = field(service, "kernel");
            Object reader = field(kernel, "reader");
            return ((byte[]) field(reader, "buffer")).length;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    /**
     * Closes with SO_LINGER 0 (a reset, no TIME_WAIT), so that the thousands of connections a heap or
     * report child held leave no rows in /proc/net/tcp6 for the next child to read.
     */
    private static void closeWithoutTimeWait(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.setSoLinger(true, 0);
            s.close();
        }
    }

    private static void open(ServerSocket listener, List<Socket> kept, int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            Socket client = new Socket(LOOPBACK, listener.getLocalPort());
            kept.add(client);
            kept.add(listener.accept());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(20);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    // ---------------------------------------------------------------- report

    /**
     * With {@code connections} loopback connections open (both ends here: twice as many sockets), times
     * the agent's on-demand report against reading /proc/net/tcp6 (where Java's dual-stack sockets are),
     * alternately. The first report right after opening also materialises and interns every stack; the
     * later ones find them interned.
     */
    private static void report(Map<String, String> opts, Map<String, Object> result) throws Exception {
        int connections = Integer.parseInt(opts.getOrDefault("connections", "5000"));
        int samples = Integer.parseInt(opts.getOrDefault("samples", "7"));
        long waitMs = Long.parseLong(opts.getOrDefault("waitMs", "3500"));
        checkFdLimit(2L * connections + 100);
        Object agent = agent();
        if (agent == null) {
            throw new IllegalStateException("the report workload needs the agent");
        }
        Method dump = agent.getClass().getMethod("dump");
        Object kernel = kernelView();
        Method snapshot = kernel.getClass().getMethod("snapshot");
        Object service = agent.getClass().getMethod("reports").invoke(agent);
        Method diagnose = service.getClass().getMethod("diagnose");
        Path tcp6 = Path.of("/proc/net/tcp6");
        try (ServerSocket listener = new ServerSocket(0, 128, LOOPBACK)) {
            List<Socket> kept = new ArrayList<>(2 * connections);
            // Warm the report and read paths with a few sockets first, so the timed ones are compiled.
            open(listener, kept, Math.min(100, connections));
            for (int i = 0; i < 5; i++) {
                dump.invoke(agent);
                Files.readAllBytes(tcp6);
                Files.readAllBytes(Path.of("/proc/net/tcp"));
                listFds();
                snapshot.invoke(kernel);
                diagnose.invoke(service);
            }
            open(listener, kept, connections - Math.min(100, connections));
            long start = System.nanoTime();
            dump.invoke(agent);
            double firstMs = (System.nanoTime() - start) / 1e6;
            Thread.sleep(waitMs);
            List<Double> reports = new ArrayList<>();
            List<Double> raws = new ArrayList<>();
            List<Double> raws4 = new ArrayList<>();
            List<Double> fdLists = new ArrayList<>();
            List<Double> snapshots = new ArrayList<>();
            List<Double> diagnoses = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < samples; i++) {
                start = System.nanoTime();
                bytes = Files.readAllBytes(tcp6).length;
                raws.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                dump.invoke(agent);
                reports.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                Files.readAllBytes(Path.of("/proc/net/tcp"));
                raws4.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                listFds();
                fdLists.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                snapshot.invoke(kernel);
                snapshots.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                diagnose.invoke(service);
                diagnoses.add((System.nanoTime() - start) / 1e6);
            }
            result.put("workload", "report");
            result.put("sockets", kept.size());
            result.put("tcp6Rows", Files.readAllLines(tcp6, StandardCharsets.US_ASCII).size() - 1);
            result.put("tcp6Bytes", bytes);
            result.put("firstReportMs", firstMs);
            result.put("reportMs", Stats.of(reports).median());
            result.put("reportMinMs", Stats.of(reports).min());
            result.put("reportMaxMs", Stats.of(reports).max());
            result.put("tcp6Ms", Stats.of(raws).median());
            result.put("tcp6MinMs", Stats.of(raws).min());
            result.put("tcp6MaxMs", Stats.of(raws).max());
            result.put("tcpMs", Stats.of(raws4).median());
            result.put("fdListMs", Stats.of(fdLists).median());
            result.put("snapshotMs", Stats.of(snapshots).median());
            result.put("diagnoseMs", Stats.of(diagnoses).median());
            result.put("ratio", Stats.of(reports).median() / Stats.of(raws).median());
            agentFacts(result);
            closeWithoutTimeWait(kept);
        }
    }

    /**
     * A second instance of the agent's own /proc reader ({@code new io.sockleak.kernel.KernelView(Path)})
     * that tracks no socket: the two tables read and filtered, the listener's link, limits; the rows of
     * sockets it does not track are dropped unread.
     */
    private static Object kernelView() throws ReflectiveOperationException {
        Class<?> type = Class.forName("io.sockleak.kernel.KernelView", true, ClassLoader.getSystemClassLoader());
        return type.getConstructor(Path.class).newInstance(Path.of("/proc"));
    }

    /** What the agent must do at least besides the tables: list /proc/self/fd and read each link. */
    private static int listFds() throws IOException {
        int sockets = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (IOException gone) {
                    // the directory stream's own descriptor, closed meanwhile
                }
            }
        }
        return sockets;
    }

    // ---------------------------------------------------------------- attach

    /**
     * Uses java.net, NIO and asynchronous sockets (so the classes the agent retransforms are loaded and
     * compiled), keeps a few connections open, says READY and waits for the driver to attach. On
     * "check" it opens one java.net and one NIO connection and reports what the agent tracks.
     */
    private static void attachTarget(Map<String, Object> result) throws Exception {
        List<AutoCloseable> kept = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 128, LOOPBACK);
             ServerSocketChannel channelListener = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(LOOPBACK, 0), 128);
             AsynchronousServerSocketChannel asyncListener = AsynchronousServerSocketChannel.open()
                     .bind(new InetSocketAddress(LOOPBACK, 0), 128)) {
            InetSocketAddress channelAddress = (InetSocketAddress) channelListener.getLocalAddress();
            InetSocketAddress asyncAddress = (InetSocketAddress) asyncListener.getLocalAddress();
            for (int i = 0; i < 300; i++) {
                netCycle(listener, listener.getLocalPort());
                nioCycle(channelListener, channelAddress);
            }
            for (int i = 0; i < 20; i++) {
                try (AsynchronousSocketChannel c = AsynchronousSocketChannel.open()) {
                    Future<AsynchronousSocketChannel> accepted = asyncListener.accept();
                    c.connect(asyncAddress).get(5, TimeUnit.SECONDS);
                    accepted.get(5, TimeUnit.SECONDS).close();
                }
            }
            for (int i = 0; i < 5; i++) {
                kept.add(new Socket(LOOPBACK, listener.getLocalPort()));
                kept.add(listener.accept());
            }
            System.out.println(READY + " " + ProcessHandle.current().pid());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String command = in.readLine();
            if (!"check".equals(command)) {
                throw new IllegalStateException("expected 'check', got " + command);
            }
            kept.add(new Socket(LOOPBACK, listener.getLocalPort()));
            kept.add(listener.accept());
            kept.add(SocketChannel.open(channelAddress));
            kept.add(channelListener.accept());
            result.put("workload", "attach");
            agentFacts(result);
            for (AutoCloseable c : kept) {
                if (c instanceof Socket socket) {
                    socket.setSoLinger(true, 0);
                } else if (c instanceof SocketChannel channel) {
                    channel.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
                }
                c.close();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The running agent ({@code io.sockleak.entry.Agent.current()}), or null when there is none. */
    static Object agent() {
        try {
            Class<?> type = Class.forName("io.sockleak.entry.Agent", true, ClassLoader.getSystemClassLoader());
            return type.getMethod("current").invoke(null);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask the agent: " + e, e);
        }
    }

    /** agent=on|off, and with it what the registry holds now. */
    private static void agentFacts(Map<String, Object> result) throws ReflectiveOperationException {
        Object agent = agent();
        result.put("agent", agent == null ? "off" : "on");
        if (agent != null) {
            Object tracker = agent.getClass().getMethod("tracker").invoke(agent);
            result.put("tracked", tracker.getClass().getMethod("liveCount").invoke(tracker));
            result.put("agentErrors", tracker.getClass().getMethod("errors").invoke(tracker));
            Object sites = tracker.getClass().getMethod("sites").invoke(tracker);
            result.put("sites", sites.getClass().getMethod("size").invoke(sites));
        }
    }

    private static void checkFdLimit(long needed) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (l.startsWith("Max open files")) {
                String soft = l.substring("Max open files".length()).trim().split("\\s+")[0];
                if (!soft.equals("unlimited") && Long.parseLong(soft) < needed) {
                    throw new IllegalStateException("needs " + needed + " file descriptors, the limit is " + soft
                            + " (raise it with ulimit -n; the JVM raises its soft limit to the hard one)");
                }
            }
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG_MS);
                System.err.println("bench child still running after " + WATCHDOG_MS + " ms, giving up");
                System.exit(3);
            } catch (InterruptedException e) {
                // not needed
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
