package io.sockleak.e2e.http.apps;

import io.sockleak.bootstrap.SocketEvents;

/**
 * The pool hooks' own price, without network noise: one borrow and one return of a connection the
 * agent knows, as the inlined advice calls them, in ns per pair. Run under the agent (the bridge is on
 * the boot class path then); arg: pairs.
 */
public final class PoolHookMicroCost {

    public static void main(String[] args) {
        int pairs = Integer.parseInt(args[0]);
        Object connection = new Object();
        SocketEvents.poolConnecting("cost");
        SocketEvents.poolConnected(connection);
        loop(connection, pairs);
        long start = System.nanoTime();
        loop(connection, pairs);
        System.out.printf(java.util.Locale.ROOT, "HOOKS %.0f ns per borrow+return%n", (System.nanoTime() - start) / (double) pairs);
    }

    private static void loop(Object connection, int pairs) {
        for (int i = 0; i < pairs; i++) {
            SocketEvents.poolBorrowed(connection);
            SocketEvents.poolReturned(connection);
        }
    }
}
