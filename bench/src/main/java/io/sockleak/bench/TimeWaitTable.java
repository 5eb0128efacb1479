package io.sockleak.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;

/**
 * Fills this network namespace's TCP tables with TIME_WAIT rows, as a busy proxy's are: loopback
 * connections whose server end closes first, so each leaves a row on the server's side for 60 s. A
 * listener's rows are bounded by the client's ephemeral ports (a new SYN from a port in TIME_WAIT
 * takes the row over), so the connections go round several listeners. Bounded by a row count and a
 * time; meant for the benchmark's private network namespace.
 */
final class TimeWaitTable {

    private static final int LISTENERS = 6;
    private static final int CHECK_EVERY = 10_000;
    private static final long MAX_MILLIS = 120_000;

    private TimeWaitTable() {
    }

    /** Tops the table up to about {@code target} rows (nothing when 90 % are there); the rows there now. */
    static int fillTo(int target, PrintStream out) throws IOException {
        int rows = Machine.timeWaitRows();
        if (rows >= target * 9L / 10) {
            return rows;
        }
        long start = System.nanoTime();
        long deadline = start + MAX_MILLIS * 1_000_000;
        ServerSocket[] listeners = new ServerSocket[LISTENERS];
        try {
            for (int i = 0; i < LISTENERS; i++) {
                listeners[i] = new ServerSocket(0, 128, Loopback.ADDRESS);
            }
            long cycles = 0;
            while (rows < target && System.nanoTime() < deadline) {
                for (int i = 0; i < CHECK_EVERY; i++) {
                    ServerSocket listener = listeners[(int) (cycles++ % LISTENERS)];
                    try (Socket client = new Socket(Loopback.ADDRESS, listener.getLocalPort())) {
                        listener.accept().close(); // the server's end first: its row stays in TIME_WAIT
                    }
                }
                rows = Machine.timeWaitRows();
            }
        } finally {
            for (ServerSocket listener : listeners) {
                if (listener != null) {
                    listener.close();
                }
            }
        }
        out.printf(Locale.ROOT, "  made TIME_WAIT rows: %,d in the tables after %.1f s%n", rows,
                (System.nanoTime() - start) / 1e9);
        return rows;
    }
}
