package io.sockleak.e2e.leaks.apps;

import io.sockleak.testing.ProcSelf;

import java.io.IOException;
import java.util.Locale;

/** Lets a child app wait until the kernel shows what it set up (a condition, not a guessed sleep). */
final class ProcNet {

    private static final String CLOSE_WAIT = "08";

    private ProcNet() {
    }

    static void awaitCloseWaitTowards(int remotePort, int count) throws IOException, InterruptedException {
        String port = String.format(Locale.ROOT, ":%04X", remotePort);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (countCloseWait(port) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the kernel never showed " + count + " CLOSE_WAIT towards " + remotePort);
            }
            Thread.sleep(10);
        }
    }

    private static long countCloseWait(String remotePortSuffix) throws IOException {
        return ProcSelf.countTcpRows(f -> f[2].endsWith(remotePortSuffix) && f[3].equals(CLOSE_WAIT));
    }
}
