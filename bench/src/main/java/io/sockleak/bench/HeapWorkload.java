package io.sockleak.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Heap per open tracked socket: used heap after GC at two socket counts, with and without the agent.
 * Driver side ({@link #run}), and child side ({@link #child}) in the JVMs it starts.
 */
final class HeapWorkload extends Workload {

    HeapWorkload(Bench bench) {
        super(bench);
    }

    static final String NAME = "heap";
    /** Issue 16: per open socket at every moment, at any depth; and once its stack is interned. */
    static final double HEAP_TARGET_BYTES = 512;
    static final double HEAP_STEADY_TARGET_BYTES = 128;

    /** Extra frames under the opening thread's socket calls: a shallow stack and a framework's. */
    private static final int[] DEPTHS = {0, 150};

    @Override
    List<Verdict> run() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        for (int depth : DEPTHS) {
            verdicts.addAll(atDepth(depth));
        }
        return verdicts;
    }

    private List<Verdict> atDepth(int depth) throws Exception {
        int from = settings.quick() ? 500 : 1000;
        int to = settings.quick() ? 2000 : 4000;
        long waitMs = settings.quick() ? 3000 : 3500;
        int rounds = Math.max(1, Math.min(settings.rounds(), 3));
        out.println();
        out.printf(Locale.ROOT, "heap per open tracked socket, opened %d frames deep: used heap after System.gc()"
                + " (MemoryMXBean), slope from %,d to %,d connections (both ends open: 2 sockets each), %d round%s%n",
                depth, from, to, rounds, rounds == 1 ? "" : "s");
        List<Double> bareNow = new ArrayList<>();
        List<Double> bareLater = new ArrayList<>();
        List<Double> agentNow = new ArrayList<>();
        List<Double> agentLater = new ArrayList<>();
        List<Double> perSocketNow = new ArrayList<>();
        List<Double> perSocketLater = new ArrayList<>();
        String sites = "?";
        for (int round = 0; round < rounds; round++) {
            double[] now = new double[2];
            double[] later = new double[2];
            for (boolean withAgent : order(round)) {
                Map<String, String> r = runChild(withAgent, NAME, "from=" + from, "to=" + to, "waitMs=" + waitMs,
                        "settledUptimeMs=7000", "depth=" + depth);
                int i = withAgent ? 1 : 0;
                now[i] = Double.parseDouble(r.get("perConnNow"));
                later[i] = Double.parseDouble(r.get("perConnLater"));
                (withAgent ? agentNow : bareNow).add(now[i]);
                (withAgent ? agentLater : bareLater).add(later[i]);
                if (withAgent) {
                    sites = r.get("sites");
                    int tracked = Integer.parseInt(r.get("tracked"));
                    if (tracked < 2 * to) {
                        throw new IllegalStateException("the agent tracked only " + tracked + " sockets");
                    }
                }
            }
            perSocketNow.add((now[1] - now[0]) / 2);
            perSocketLater.add((later[1] - later[0]) / 2);
            progress("heap (depth " + depth + ") round " + (round + 1) + "/" + rounds);
        }
        Stats now = Stats.of(perSocketNow);
        Stats later = Stats.of(perSocketLater);
        out.printf(Locale.ROOT, "  bytes per connection without agent: %s right after opening, %s %d ms later%n",
                Stats.of(bareNow).format("%,.0f"), Stats.of(bareLater).format("%,.0f"), waitMs);
        out.printf(Locale.ROOT, "  bytes per connection with agent:    %s right after opening, %s %d ms later%n",
                Stats.of(agentNow).format("%,.0f"), Stats.of(agentLater).format("%,.0f"), waitMs);
        out.printf(Locale.ROOT, "  agent's bytes per open socket:      %s right after opening, %s once"
                + " interned (%s sites)%n", now.format("%,.0f"), later.format("%,.0f"), sites);
        return List.of(
                new Verdict("heap per socket, right after opening, depth " + depth + " (B)",
                        now.format("%.0f").split(" ")[0], "<= " + (int) HEAP_TARGET_BYTES,
                        now.median() <= HEAP_TARGET_BYTES),
                new Verdict("heap per socket, stacks interned, depth " + depth + " (B)",
                        later.format("%.0f").split(" ")[0], "<= " + (int) HEAP_STEADY_TARGET_BYTES,
                        later.median() <= HEAP_STEADY_TARGET_BYTES));
    }

    // ---------------------------------------------------------------- in the child JVM

    /**
     * Used heap after GC with {@code from} and then {@code to} loopback connections open (both ends in
     * this process, so two sockets per connection), each measured right after opening and again after
     * {@code waitMs}, by when the agent's monitor has interned the stacks of sockets older than 2 s.
     * With the agent, each measurement follows a scan of /proc like the monitor's periodic one (every
     * 10 s by default), so the agent holds what it holds in a running application (its /proc read
     * buffer is fixed, 64 KB, whatever the table).
     */
    static void child(Map<String, String> opts, Map<String, Object> result) throws Exception {
        int from = Integer.parseInt(opts.getOrDefault("from", "1000"));
        int to = Integer.parseInt(opts.getOrDefault("to", "4000"));
        long waitMs = Long.parseLong(opts.getOrDefault("waitMs", "3500"));
        long settledUptimeMs = Long.parseLong(opts.getOrDefault("settledUptimeMs", "7000"));
        int depth = Integer.parseInt(opts.getOrDefault("depth", "0"));
        Machine.checkFdLimit(2L * to + 100);
        // Both arms: the platform MBean server (which the agent registers its MBean with, 5 s after it
        // starts) is there before anything is measured.
        ManagementFactory.getPlatformMBeanServer();
        try (ServerSocket listener = new ServerSocket(0, 128, Loopback.ADDRESS)) {
            List<Socket> kept = new ArrayList<>(2 * to);
            openAtDepth(depth, listener, kept, from);
            AgentHandle.scan();
            long fromNow = usedAfterGc();
            // The base of both slopes comes after the agent's delayed start-up work (JMX registration at
            // 5 s, warming its JSON writer at 2 s), which would otherwise land between the two points.
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            Thread.sleep(Math.max(waitMs, settledUptimeMs - uptime));
            AgentHandle.scan();
            long fromLater = usedAfterGc();
            openAtDepth(depth, listener, kept, to - from);
            AgentHandle.scan();
            long toNow = usedAfterGc();
            Thread.sleep(waitMs);
            AgentHandle.scan();
            long toLater = usedAfterGc();
            int added = to - from;
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
            AgentHandle.facts(result);
            Loopback.closeWithoutTimeWait(kept);
        }
    }

    /** Opens the connections {@code depth} frames below this one, where the agent captures their stacks. */
    private static void openAtDepth(int depth, ServerSocket listener, List<Socket> kept, int connections)
            throws IOException {
        if (depth > 0) {
            openAtDepth(depth - 1, listener, kept, connections);
        } else {
            Loopback.open(listener, kept, connections);
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

}
