package io.sockleak.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel view on a busy host (issue 16): with a large TIME_WAIT table in the namespace (made on
 * loopback, {@link TimeWaitTable}), the agent's scan (what the monitor does periodically) and an
 * on-demand dump, against a raw read of /proc/net/tcp and tcp6, in a child that holds a few
 * CLOSE_WAIT leaks. Agent arm only: without the agent there is no scan.
 */
final class TimeWaitWorkload extends Workload {

    static final String NAME = "timewait";
    /** The scan should cost little beyond reading the tables; on JDK 22+ (netlink) at most 30 ms. */
    static final double SCAN_TO_READ_TARGET = 1.5;
    static final double NETLINK_SCAN_TARGET_MS = 30;
    /** The agent's default scanInterval. */
    private static final long SCAN_INTERVAL_MILLIS = 10_000;

    TimeWaitWorkload(Bench bench) {
        super(bench);
    }

    @Override
    List<Verdict> run() throws Exception {
        int rounds = Math.max(1, Math.min(settings.rounds(), 3));
        int samples = settings.quick() ? 3 : 7;
        out.println();
        out.printf(Locale.ROOT, "scan and dump with %,d TIME_WAIT rows in the namespace (made on loopback), agent arm"
                + " only, %d round%s of %d of each%n", settings.timeWaitRows(), rounds, rounds == 1 ? "" : "s", samples);
        List<Double> rows = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        List<Double> scan = new ArrayList<>();
        List<Double> scanCpu = new ArrayList<>();
        List<Double> dump = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            TimeWaitTable.fillTo(settings.timeWaitRows(), out);
            Map<String, String> r = runChild(true, NAME, "samples=" + samples);
            rows.add(Double.parseDouble(r.get("timeWaitRows")));
            read.add(Double.parseDouble(r.get("readMs")));
            scan.add(Double.parseDouble(r.get("scanMs")));
            scanCpu.add(Double.parseDouble(r.get("scanCpuMs")));
            dump.add(Double.parseDouble(r.get("dumpMs")));
            ratio.add(Double.parseDouble(r.get("scanMs")) / Double.parseDouble(r.get("readMs")));
            share.add(Double.parseDouble(r.get("coreShare")));
            progress("timewait round " + (round + 1) + "/" + rounds);
        }
        Stats scanStats = Stats.of(scan);
        Stats ratioStats = Stats.of(ratio);
        out.printf(Locale.ROOT, "  TIME_WAIT rows during the child:        %s%n", Stats.of(rows).format("%,.0f"));
        out.printf(Locale.ROOT, "  read /proc/net/tcp + tcp6 (ms):         %s%n", Stats.of(read).format("%.1f"));
        out.printf(Locale.ROOT, "  agent's scan (ms, wall / CPU):          %s / %s%n", scanStats.format("%.1f"),
                Stats.of(scanCpu).format("%.1f"));
        out.printf(Locale.ROOT, "  scan / read:                            %s%n", ratioStats.format("%.2f"));
        out.printf(Locale.ROOT, "  dump (ms):                              %s%n", Stats.of(dump).format("%.1f"));
        out.printf(Locale.ROOT, "  periodic scans at the default interval: %s %% of one core%n",
                Stats.of(share).format("%.2f"));
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(new Verdict("scan / read of the tables, ~" + settings.timeWaitRows() / 1000 + "k TIME_WAIT",
                ratioStats.format("%.2f").split(" ")[0], "<= " + SCAN_TO_READ_TARGET,
                ratioStats.median() <= SCAN_TO_READ_TARGET));
        if (Runtime.version().feature() >= 22) {
            verdicts.add(new Verdict("scan, ~" + settings.timeWaitRows() / 1000 + "k TIME_WAIT, JDK 22+ (ms)",
                    scanStats.format("%.1f").split(" ")[0], "<= " + (int) NETLINK_SCAN_TARGET_MS,
                    scanStats.median() <= NETLINK_SCAN_TARGET_MS));
        }
        return verdicts;
    }

    // ---------------------------------------------------------------- in the child JVM

    /**
     * Holds five connections whose server end closed (CLOSE_WAIT leaks for the dump to report), then
     * alternates {@code samples} times: a raw read of both tables, the agent's scan, a dump.
     */
    static void child(Map<String, String> opts, Map<String, Object> result) throws Exception {
        int samples = Integer.parseInt(opts.getOrDefault("samples", "7"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ServerSocket listener = new ServerSocket(0, 128, Loopback.ADDRESS)) {
            List<Socket> kept = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                kept.add(new Socket(Loopback.ADDRESS, listener.getLocalPort()));
                listener.accept().close();
            }
            for (int i = 0; i < 2; i++) { // compiled and warmed before timing
                readTables();
                AgentHandle.scan();
                AgentHandle.dump();
            }
            List<Double> read = new ArrayList<>();
            List<Double> scan = new ArrayList<>();
            List<Double> scanCpu = new ArrayList<>();
            List<Double> snapshot = new ArrayList<>();
            List<Double> dump = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                readTables();
                read.add((System.nanoTime() - t0) / 1e6);
                long cpu0 = threads.getCurrentThreadCpuTime();
                t0 = System.nanoTime();
                AgentHandle.scan();
                scan.add((System.nanoTime() - t0) / 1e6);
                scanCpu.add((threads.getCurrentThreadCpuTime() - cpu0) / 1e6);
                snapshot.add((double) AgentHandle.lastSnapshotMillis());
                t0 = System.nanoTime();
                AgentHandle.dump();
                dump.add((System.nanoTime() - t0) / 1e6);
            }
            double cpuMs = Stats.of(scanCpu).median();
            long every = AgentHandle.nextScanDelayMillis(SCAN_INTERVAL_MILLIS, Math.round(Stats.of(snapshot).median()));
            result.put("workload", NAME);
            result.put("timeWaitRows", Machine.timeWaitRows());
            result.put("readMs", Stats.of(read).median());
            result.put("scanMs", Stats.of(scan).median());
            result.put("scanCpuMs", cpuMs);
            result.put("dumpMs", Stats.of(dump).median());
            result.put("scanEveryS", every / 1000.0);
            result.put("coreShare", 100 * cpuMs / every);
            AgentHandle.facts(result);
            Loopback.closeWithoutTimeWait(kept);
        }
    }

    private static void readTables() throws java.io.IOException {
        Files.readAllBytes(Path.of("/proc/net/tcp"));
        Files.readAllBytes(Path.of("/proc/net/tcp6"));
    }
}
