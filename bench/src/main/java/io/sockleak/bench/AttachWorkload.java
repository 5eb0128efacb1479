package io.sockleak.bench;

import com.sun.tools.attach.VirtualMachine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Attach + load + retransform into a running JVM, against a no-op agent.
 * Driver side ({@link #run}), and child side ({@link #child}) in the JVMs it starts.
 */
final class AttachWorkload extends Workload {

    AttachWorkload(Bench bench) {
        super(bench);
    }

    static final String NAME = "attach";
    /** The child's workload: a JVM to attach to. */
    static final String TARGET = "attach-target";
    static final String READY = "READY";
    static final double ATTACH_TARGET_MS = 1000;

    @Override
    List<Verdict> run() throws Exception {
        int rounds = settings.attachRounds();
        Path noop = noopAgentJar();
        out.println();
        out.printf(Locale.ROOT, "attach: VirtualMachine.attach + loadAgent + detach from this JVM into a child that"
                + " has used java.net, NIO and async sockets; %d round%s, each also with a no-op agent%n",
                rounds, rounds == 1 ? "" : "s");
        if (!settings.quick()) {
            attachOnce(noop, ""); // warms the attach code in this JVM; not counted
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean real : order(round)) {
                Map<String, Double> t = attachOnce(real ? settings.agentJar() : noop, real ? bench.agentOptions() : "");
                String prefix = real ? "" : "noop.";
                t.forEach((k, v) -> times.computeIfAbsent(prefix + k, x -> new ArrayList<>()).add(v));
            }
            progress("attach round " + (round + 1) + "/" + rounds);
        }
        Function<String, Stats> s = k -> Stats.of(times.get(k));
        out.printf(Locale.ROOT, "  sockleak: attach %s ms, loadAgent %s ms, detach %s ms%n",
                s.apply("attach").format("%.0f"), s.apply("load").format("%.0f"), s.apply("detach").format("%.0f"));
        out.printf(Locale.ROOT, "            total %s ms%n", s.apply("total").format("%.0f"));
        out.printf(Locale.ROOT, "  no-op:    attach %s ms, loadAgent %s ms, total %s ms%n",
                s.apply("noop.attach").format("%.0f"), s.apply("noop.load").format("%.0f"),
                s.apply("noop.total").format("%.0f"));
        out.printf(Locale.ROOT, "  the agent's own start (loadAgent sockleak - no-op, medians): %.0f ms%n",
                s.apply("load").median() - s.apply("noop.load").median());
        Stats total = s.apply("total");
        return List.of(new Verdict("attach + retransform, end to end (ms)", total.format("%.0f").split(" ")[0],
                "<= " + (int) ATTACH_TARGET_MS, total.median() <= ATTACH_TARGET_MS));
    }

    private Map<String, Double> attachOnce(Path jar, String options) throws Exception {
        int n = bench.nextChild();
        List<String> command = bench.childCommand(false, TARGET);
        command.add(1, "-XX:+EnableDynamicAgentLoading");
        Path stderr = bench.work().resolve("child-" + n + "-attach.err");
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            if (ready == null || !ready.startsWith(READY)) {
                throw new IllegalStateException("attach target did not start: " + ready + Bench.tail(stderr));
            }
            String pid = ready.substring(READY.length()).trim();
            long t0 = System.nanoTime();
            VirtualMachine vm = VirtualMachine.attach(pid);
            long t1 = System.nanoTime();
            vm.loadAgent(jar.toString(), options);
            long t2 = System.nanoTime();
            vm.detach();
            long t3 = System.nanoTime();
            OutputStream in = p.getOutputStream();
            in.write("check\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            Map<String, String> r = Bench.resultOf(lines, stderr);
            Bench.waitFor(p, 60);
            boolean real = jar.equals(settings.agentJar());
            if (real && (!"on".equals(r.get("agent")) || Integer.parseInt(r.get("tracked")) < 4)) {
                throw new IllegalStateException("after attaching, the agent does not track new sockets: " + r
                        + Bench.tail(stderr));
            }
            Map<String, Double> t = new LinkedHashMap<>();
            t.put("attach", (t1 - t0) / 1e6);
            t.put("load", (t2 - t1) / 1e6);
            t.put("detach", (t3 - t2) / 1e6);
            t.put("total", (t3 - t0) / 1e6);
            return t;
        } finally {
            p.destroyForcibly();
        }
    }

    /** A jar holding only {@link NoopAgent}, with an Agent-Class manifest. */
    private Path noopAgentJar() throws IOException {
        Path jar = bench.work().resolve("noop-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Agent-Class"), NoopAgent.class.getName());
        manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
        String entry = NoopAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jarOut = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream bytes = NoopAgent.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            bytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }

    // ---------------------------------------------------------------- in the child JVM

    /**
     * Uses java.net, NIO and asynchronous sockets (so the classes the agent retransforms are loaded and
     * compiled), keeps a few connections open, says READY and waits for the driver to attach. On
     * "check" it opens one java.net and one NIO connection and reports what the agent tracks.
     */
    static void child(Map<String, String> opts, Map<String, Object> result) throws Exception {
        List<AutoCloseable> kept = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 128, Loopback.ADDRESS);
             ServerSocketChannel channelListener = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(Loopback.ADDRESS, 0), 128);
             AsynchronousServerSocketChannel asyncListener = AsynchronousServerSocketChannel.open()
                     .bind(new InetSocketAddress(Loopback.ADDRESS, 0), 128)) {
            InetSocketAddress channelAddress = (InetSocketAddress) channelListener.getLocalAddress();
            InetSocketAddress asyncAddress = (InetSocketAddress) asyncListener.getLocalAddress();
            for (int i = 0; i < 300; i++) {
                ChurnWorkload.netCycle(listener, listener.getLocalPort());
                ChurnWorkload.nioCycle(channelListener, channelAddress);
            }
            for (int i = 0; i < 20; i++) {
                try (AsynchronousSocketChannel c = AsynchronousSocketChannel.open()) {
                    Future<AsynchronousSocketChannel> accepted = asyncListener.accept();
                    c.connect(asyncAddress).get(5, TimeUnit.SECONDS);
                    accepted.get(5, TimeUnit.SECONDS).close();
                }
            }
            for (int i = 0; i < 5; i++) {
                kept.add(new Socket(Loopback.ADDRESS, listener.getLocalPort()));
                kept.add(listener.accept());
            }
            System.out.println(READY + " " + ProcessHandle.current().pid());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String command = in.readLine();
            if (!"check".equals(command)) {
                throw new IllegalStateException("expected 'check', got " + command);
            }
            kept.add(new Socket(Loopback.ADDRESS, listener.getLocalPort()));
            kept.add(listener.accept());
            kept.add(SocketChannel.open(channelAddress));
            kept.add(channelListener.accept());
            result.put("workload", "attach");
            AgentHandle.facts(result);
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

}
