package io.sockleak.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What every workload's driver side shares: the settings, the output, the work folder, and the child
 * JVMs it starts ({@code java <flags> [-javaagent:...] -cp <bench jar> BenchChild WORKLOAD k=v...}), each
 * printing one {@code BENCH k=v ...} line that comes back as a map.
 */
final class Bench {

    private final Settings settings;
    private final PrintStream out;
    private final Path work;
    private int childCount;

    Bench(Settings settings, PrintStream out, Path work) {
        this.settings = settings;
        this.out = out;
        this.work = work;
    }

    Settings settings() {
        return settings;
    }

    PrintStream out() {
        return out;
    }

    Path work() {
        return work;
    }

    int childCount() {
        return childCount;
    }

    /** A number for the next child's files. */
    int nextChild() {
        return ++childCount;
    }

    void progress(String step) {
        System.err.println("  .. " + step);
    }

    String agentOptions() {
        Path reports = work.resolve("reports");
        return "dir=" + reports + (settings.agentOptions().isEmpty() ? "" : "," + settings.agentOptions());
    }

    List<String> childCommand(boolean withAgent, String workload, String... args) {
        List<String> command = new ArrayList<>();
        command.add(settings.java().toString());
        command.addAll(Settings.CHILD_FLAGS);
        if (withAgent) {
            command.add("-javaagent:" + settings.agentJar() + "=" + agentOptions());
        }
        command.add("-cp");
        command.add(settings.classPath().toString());
        command.add(BenchChild.class.getName());
        command.add(workload);
        command.addAll(Arrays.asList(args));
        return command;
    }

    Map<String, String> runChild(boolean withAgent, String workload, String... args) throws Exception {
        int n = nextChild();
        Path stderr = work.resolve("child-" + n + "-" + workload + (withAgent ? "-agent" : "-bare") + ".err");
        Process p = new ProcessBuilder(childCommand(withAgent, workload, args)).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try {
            p.getOutputStream().close();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> r = resultOf(lines, stderr);
            waitFor(p, 120);
            String expected = withAgent ? "on" : "off";
            if (!expected.equals(r.get("agent"))) {
                throw new IllegalStateException(workload + ": agent expected " + expected + ", child says " + r
                        + tail(stderr));
            }
            if (withAgent && r.containsKey("agentErrors") && !r.get("agentErrors").equals("0")) {
                throw new IllegalStateException(workload + ": the agent counted errors: " + r + tail(stderr));
            }
            return r;
        } finally {
            p.destroyForcibly();
        }
    }

    static Map<String, String> resultOf(BufferedReader lines, Path stderr) throws IOException {
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith(BenchChild.RESULT_PREFIX)) {
                Map<String, String> r = new LinkedHashMap<>();
                for (String kv : line.substring(BenchChild.RESULT_PREFIX.length()).split(" ")) {
                    int eq = kv.indexOf('=');
                    r.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                if (r.containsKey("error")) {
                    throw new IllegalStateException("child failed: " + r.get("error") + tail(stderr));
                }
                return r;
            }
        }
        throw new IllegalStateException("child gave no result" + tail(stderr));
    }

    static void waitFor(Process p, int seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child did not exit within " + seconds + " s");
        }
    }

    static String tail(Path stderr) {
        try {
            List<String> all = Files.readAllLines(stderr);
            return "\n  child stderr:\n    " + String.join("\n    ", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

}
