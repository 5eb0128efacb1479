package io.sockleak.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An on-demand report with 10,000 open sockets against a raw read of /proc/net/tcp6.
 * Driver side ({@link #run}), and child side ({@link #child}) in the JVMs it starts.
 */
final class ReportWorkload extends Workload {

    ReportWorkload(Bench bench) {
        super(bench);
    }

    static final String NAME = "report";
    static final double REPORT_TARGET_RATIO = 2.0;

    /** TIME_WAIT rows tolerated before the report workload; more are waited out in the full mode. */
    private static final int TIME_WAIT_TOLERATED = 1000;

    @Override
    List<Verdict> run() throws Exception {
        int connections = 5000;
        int rounds = Math.max(1, Math.min(settings.rounds(), 3));
        out.println();
        out.printf(Locale.ROOT, "report with %,d open sockets (%,d connections, both ends in the child), agent arm"
                + " only, %d round%s of %d reports each alternating with a read of /proc/net/tcp6%n",
                2 * connections, connections, rounds, rounds == 1 ? "" : "s", settings.quick() ? 3 : 7);
        List<Double> report = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> tcp = new ArrayList<>();
        List<Double> fds = new ArrayList<>();
        List<Double> snapshot = new ArrayList<>();
        List<Double> diagnose = new ArrayList<>();
        String rows = "?";
        awaitFewTimeWaits();
        for (int round = 0; round < rounds; round++) {
            Map<String, String> r = runChild(true, NAME, "connections=" + connections,
                    "samples=" + (settings.quick() ? 3 : 7), "waitMs=3500");
            report.add(Double.parseDouble(r.get("reportMs")));
            raw.add(Double.parseDouble(r.get("tcp6Ms")));
            first.add(Double.parseDouble(r.get("firstReportMs")));
            ratio.add(Double.parseDouble(r.get("ratio")));
            tcp.add(Double.parseDouble(r.get("tcpMs")));
            fds.add(Double.parseDouble(r.get("fdListMs")));
            snapshot.add(Double.parseDouble(r.get("snapshotMs")));
            diagnose.add(Double.parseDouble(r.get("diagnoseMs")));
            rows = r.get("tcp6Rows");
            progress("report round " + (round + 1) + "/" + rounds);
        }
        Stats q = Stats.of(ratio);
        out.printf(Locale.ROOT, "  /proc/net/tcp6: %s rows%s%n", rows,
                Integer.parseInt(rows) > 2 * connections + 200 ? " (other connections, e.g. TIME_WAIT, inflate it)" : "");
        out.printf(Locale.ROOT, "  report (ms, median per child):         %s%n", Stats.of(report).format("%.1f"));
        out.printf(Locale.ROOT, "  read /proc/net/tcp6 (ms):              %s%n", Stats.of(raw).format("%.1f"));
        out.printf(Locale.ROOT, "  ratio report / tcp6 read:              %s%n", q.format("%.2f"));
        out.printf(Locale.ROOT, "  first report after opening (ms):       %s  (materialises and interns the stacks)%n",
                Stats.of(first).format("%.1f"));
        out.printf(Locale.ROOT, "  parts (ms): the tables read and filtered by a KernelView that tracks nothing %s (read /proc/net/tcp %s, list"
                + " /proc/self/fd and readlink each %s); the agent's snapshot + correlation without a report %s%n",
                Stats.of(snapshot).format("%.1f"), Stats.of(tcp).format("%.1f"), Stats.of(fds).format("%.1f"),
                Stats.of(diagnose).format("%.1f"));
        return List.of(new Verdict("report with 10,000 sockets / tcp6 read", q.format("%.2f").split(" ")[0],
                "<= " + REPORT_TARGET_RATIO, q.median() <= REPORT_TARGET_RATIO));
    }

    /** Waits (full mode, up to 70 s) for TIME_WAIT rows left by earlier runs to expire. */
    private void awaitFewTimeWaits() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(70);
        int tw = Machine.timeWaitRows();
        if (tw <= TIME_WAIT_TOLERATED) {
            return;
        }
        if (settings.quick()) {
            out.println("  note: " + tw + " TIME_WAIT rows from earlier runs are in the tables (not waited for in"
                    + " the quick mode)");
            return;
        }
        out.println("  waiting for " + tw + " TIME_WAIT rows from earlier runs to expire (up to 70 s)");
        out.flush();
        while (tw > TIME_WAIT_TOLERATED && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            tw = Machine.timeWaitRows();
        }
    }

    /** All rows of /proc/net/tcp and tcp6 of this network namespace. */

    // ---------------------------------------------------------------- in the child JVM

    /**
     * With {@code connections} loopback connections open (both ends here: twice as many sockets), times
     * the agent's on-demand report against reading /proc/net/tcp6 (where Java's dual-stack sockets are),
     * alternately. The first report right after opening also materialises and interns every stack; the
     * later ones find them interned.
     */
    static void child(Map<String, String> opts, Map<String, Object> result) throws Exception {
        int connections = Integer.parseInt(opts.getOrDefault("connections", "5000"));
        int samples = Integer.parseInt(opts.getOrDefault("samples", "7"));
        long waitMs = Long.parseLong(opts.getOrDefault("waitMs", "3500"));
        Machine.checkFdLimit(2L * connections + 100);
        if (!AgentHandle.present()) {
            throw new IllegalStateException("the report workload needs the agent");
        }
        Runnable snapshot = AgentHandle.untrackedSnapshot();
        Path tcp6 = Path.of("/proc/net/tcp6");
        try (ServerSocket listener = new ServerSocket(0, 128, Loopback.ADDRESS)) {
            List<Socket> kept = new ArrayList<>(2 * connections);
            // Warm the report and read paths with a few sockets first, so the timed ones are compiled.
            Loopback.open(listener, kept, Math.min(100, connections));
            for (int i = 0; i < 5; i++) {
                AgentHandle.dump();
                Files.readAllBytes(tcp6);
                Files.readAllBytes(Path.of("/proc/net/tcp"));
                listFds();
                snapshot.run();
                AgentHandle.scan();
            }
            Loopback.open(listener, kept, connections - Math.min(100, connections));
            long start = System.nanoTime();
            AgentHandle.dump();
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
                AgentHandle.dump();
                reports.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                Files.readAllBytes(Path.of("/proc/net/tcp"));
                raws4.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                listFds();
                fdLists.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                snapshot.run();
                snapshots.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                AgentHandle.scan();
                diagnoses.add((System.nanoTime() - start) / 1e6);
            }
            result.put("workload", NAME);
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
            AgentHandle.facts(result);
            Loopback.closeWithoutTimeWait(kept);
        }
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

}
