package io.sockleak.e2e.http.apps;

import io.sockleak.testing.AgentProbe;
import io.sockleak.testing.ProcSelf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every HTTP client app shares: its arguments ({@code port mode count}), waiting until the
 * kernel shows the upstream's hang-ups, and the hand-shake with the test that lets it take the
 * reports it needs while the client's sockets sit in CLOSE_WAIT.
 * <p>
 * Modes: {@code correct} (responses consumed and closed; connections go back idle to the pool),
 * {@code leak} (responses kept and never closed), {@code load} (correct code, many requests from
 * several threads before going idle).
 */
final class ClientRun {

    /** What the apps hold on to so nothing they leak is collected (collection is another kind of leak). */
    static final List<Object> KEEP = new ArrayList<>();

    private static final String CLOSE_WAIT = "08";
    private static final String ESTABLISHED = "01";

    final int port;
    final String mode;
    final int count;

    private ClientRun(int port, String mode, int count) {
        this.port = port;
        this.mode = mode;
        this.count = count;
    }

    static ClientRun of(String[] args) {
        return new ClientRun(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Threads and requests per thread of the {@code load} mode: enough to churn the pool, bounded. */
    static final int LOAD_THREADS = 4;
    static final int LOAD_REQUESTS = 150;

    /** Runs {@code perThread} on {@link #LOAD_THREADS} threads at once and waits for them (bounded). */
    static void onThreads(ThrowingRunnable perThread) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    perThread.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("load failed", failures.get(0));
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Client sockets of this process connected to the upstream, in {@code state} (hex, as /proc shows it). */
    long socketsTowardsUpstream(String state) throws IOException {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        return ProcSelf.countTcpRows(f -> f[2].endsWith(suffix) && (state == null || f[3].equals(state)));
    }

    /**
     * Waits until the upstream has hung up on every connection (none left ESTABLISHED) and at least
     * {@code expected} of them sit in CLOSE_WAIT here, then tells the test and lets it take the reports
     * it needs: the agent's dump first, then whatever the test waits for, until it writes "exit" on stdin.
     */
    void closeWaitThenHandOver(int expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long closeWait;
        long established;
        while ((closeWait = socketsTowardsUpstream(CLOSE_WAIT)) < expected
                || (established = socketsTowardsUpstream(ESTABLISHED)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(closeWait + " sockets towards the upstream in CLOSE_WAIT (expected "
                        + expected + "), " + socketsTowardsUpstream(ESTABLISHED) + " still ESTABLISHED");
            }
            Thread.sleep(10);
        }
        System.out.println("CLOSE_WAIT " + closeWait);
        if (AgentProbe.agent() != null) {
            System.out.println("POOLED " + PoolProbe.membership());
            System.out.println("DUMPED " + AgentProbe.dump());
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            // the test only ever says exit
        }
        System.out.println("DONE");
    }
}
