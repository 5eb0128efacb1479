package io.sockleak.bench;

import io.sockleak.demo.ProcNetTcp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark reads about the machine and its own process: load, TCP tables, CPU time, limits. */
final class Machine {

    private Machine() {
    }

    /** All rows of /proc/net/tcp and tcp6 of this network namespace. */
    static int tcpRows() {
        return ProcNetTcp.read().size();
    }

    /** TIME_WAIT rows in /proc/net/tcp and tcp6 of this network namespace. */
    static int timeWaitRows() {
        return ProcNetTcp.read(r -> r.state() == ProcNetTcp.TIME_WAIT).size();
    }

    /**
     * Sets this network namespace's {@code net.ipv4.tcp_max_tw_buckets} to {@code max} and returns the
     * value it had; -1 and nothing changed outside the benchmark's private namespace (bench.sh's), so
     * that a run never touches the host's own setting.
     */
    static int timeWaitBuckets(int max) {
        if (System.getenv("SOCKLEAK_BENCH_NETNS") == null) {
            return -1;
        }
        Path sysctl = Path.of("/proc/sys/net/ipv4/tcp_max_tw_buckets");
        try {
            // a whole-buffer read: a sysctl answers a first read of one byte (Files.readString's) with one digit
            int old = Integer.parseInt(Files.readAllLines(sysctl).get(0).trim());
            Files.writeString(sysctl, Integer.toString(max));
            return old;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The load averages and, where the kernel has it, the CPU pressure (share of time tasks waited for a CPU). */
    static String load() {
        String s;
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            s = "load average " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            s += ", cpu pressure " + some.replace("some ", "").replaceAll(" total=\\d+", "");
        } catch (IOException | RuntimeException e) {
            // no PSI
        }
        return s;
    }

    /** CPU time of the whole process (user and system, all threads: the agent's included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void checkFdLimit(long needed) throws IOException {
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
}
