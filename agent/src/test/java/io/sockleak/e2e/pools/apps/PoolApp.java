package io.sockleak.e2e.pools.apps;

import io.sockleak.testing.AgentProbe;
import io.sockleak.testing.ProcSelf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What every pool child app shares: a name that tags its server sessions, a wait on the kernel's
 * view of its own sockets, and the command loop the test drives once the app printed {@code READY}:
 * {@code dump N} answers {@code DUMPED N <report path or null>}, {@code pools N PORT} answers
 * {@code POOLS N [pool:STATE, ...]} (what the library hooks say of the sockets towards PORT); {@code exit} (or the end of stdin,
 * when the test is gone) returns, so main ends and the agent writes its shutdown report.
 */
final class PoolApp {

    /** Objects the app "forgets" but keeps reachable: a leak here must be CLOSE_WAIT, never a collected socket. */
    static final List<Object> KEEP = new ArrayList<>();

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CLOSE_WAIT = "08";
    private static final String ESTABLISHED = "01";

    private PoolApp() {
    }

    /** Unique per child: pg_stat_activity's application_name / Redis CLIENT SETNAME of its connections. */
    static String name(String scenario) {
        return "sockleak-" + scenario + "-" + ProcessHandle.current().pid();
    }

    /** This process's TCP sockets towards {@code remotePort} in CLOSE_WAIT (other processes' are left out). */
    static int closeWait(int remotePort) {
        return ownSockets(remotePort, CLOSE_WAIT);
    }

    static int established(int remotePort) {
        return ownSockets(remotePort, ESTABLISHED);
    }

    private static int ownSockets(int remotePort, String state) {
        String port = String.format(Locale.ROOT, ":%04X", remotePort);
        try {
            Set<Long> ours = new HashSet<>(ProcSelf.socketInodeByFd().values());
            return ProcSelf.countTcpRows(f -> f[2].endsWith(port) && f[3].equals(state)
                    && ours.contains(Long.parseLong(f[9])));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
    }

    /** Polls {@code condition} every 10 ms for at most {@link #WAIT}; fails the app (exit code 1) after. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + WAIT + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static void awaitCloseWait(int remotePort, int count) throws InterruptedException {
        await(count + " own sockets in CLOSE_WAIT towards port " + remotePort
                + " (now " + closeWait(remotePort) + ")", () -> closeWait(remotePort) == count);
    }

    /** Prints READY and runs the test's commands until {@code exit} or the end of stdin. */
    static void readyThenServe() throws IOException {
        System.out.println("READY");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null && !line.equals("exit"); ) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "dump" -> System.out.println("DUMPED " + words[1] + " " + AgentProbe.dump());
                case "pools" -> System.out.println("POOLS " + words[1] + " " + AgentProbe.pooledStates(Integer.parseInt(words[2])));
                case "closeWait" -> System.out.println("CLOSE_WAIT " + words[1] + " " + closeWait(Integer.parseInt(words[1])));
                default -> System.out.println("UNKNOWN " + line);
            }
        }
        System.out.println("EXITING");
    }
}
