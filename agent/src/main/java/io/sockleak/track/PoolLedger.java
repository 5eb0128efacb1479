package io.sockleak.track;

import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which sockets belong to which pooled connection, fed by the library hooks. A connection is known by
 * identity and held weakly (a pool's connection object must never be kept alive by the agent). Sockets
 * join a connection in one of two ways: opened on the thread that is making it (between
 * {@code poolConnecting} and {@code poolConnected}), or bound to it by {@code poolSocket} for libraries
 * whose connect completes on another thread.
 */
final class PoolLedger {

    private final Map<IdentityKey, PooledConnection> connections = new ConcurrentHashMap<>();
    private final Map<IdentityKey, PooledConnection> socketsAwaitingOpen = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    private final ThreadLocal<ArrayDeque<PooledConnection>> making = new ThreadLocal<>();
    /** Threads inside a connecting scope, so a socket opened elsewhere skips the thread-local look-up. */
    private final AtomicInteger scopesOpen = new AtomicInteger();

    void connecting(String pool) {
        ArrayDeque<PooledConnection> stack = making.get();
        if (stack == null) {
            stack = new ArrayDeque<>(2);
            making.set(stack);
        }
        stack.push(new PooledConnection(pool, System.currentTimeMillis()));
        scopesOpen.incrementAndGet();
    }

    void connected(Object connection) {
        ArrayDeque<PooledConnection> stack = making.get();
        PooledConnection made = stack == null ? null : stack.poll();
        if (made == null) {
            return; // a connecting scope that began before the agent did
        }
        scopesOpen.decrementAndGet();
        if (connection != null && made.carriesSocket()) {
            // Objects of pools that opened no socket (statement, parser, buffer pools) are not kept.
            expunge();
            // A key already known (a nested scope returning the same connection) keeps its state.
            connections.putIfAbsent(new IdentityKey(connection, cleared), made);
        }
    }

    /** The connection a socket opened now on this thread belongs to, or one bound to {@code socket} earlier. */
    PooledConnection forSocketOpening(Object socket) {
        if (!socketsAwaitingOpen.isEmpty()) {
            PooledConnection bound = socketsAwaitingOpen.remove(new IdentityKey(socket, null));
            if (bound != null) {
                return bound;
            }
        }
        if (scopesOpen.get() == 0) {
            return null;
        }
        ArrayDeque<PooledConnection> stack = making.get();
        return stack == null ? null : stack.peek();
    }

    /** The connection known by {@code connection}, made known now (new, lending not seen) if it was not. */
    PooledConnection connection(Object connection, String pool) {
        expunge();
        return connections.computeIfAbsent(new IdentityKey(connection, cleared), k -> fresh(pool));
    }

    /** {@code socket} is not open yet: its record joins {@code pooled} when it opens. */
    void awaitOpen(Object socket, PooledConnection pooled) {
        socketsAwaitingOpen.put(new IdentityKey(socket, cleared), pooled);
    }

    /** {@code alias} names the same connection as {@code connection} from now on. */
    void alias(Object connection, Object alias, String pool) {
        connections.put(new IdentityKey(alias, cleared), connection(connection, pool));
    }

    private static PooledConnection fresh(String pool) {
        return new PooledConnection(pool, System.currentTimeMillis());
    }

    /** The connection known by that key, or null (made before the agent, or carrying no socket). */
    PooledConnection find(Object connection) {
        return connections.get(new IdentityKey(connection, null));
    }

    void returned(Object connection) {
        PooledConnection known = find(connection);
        if (known != null) {
            known.returned(System.currentTimeMillis());
        }
    }

    int size() {
        return connections.size();
    }

    private void expunge() {
        Object gone;
        while ((gone = cleared.poll()) != null) {
            connections.remove(gone);
            socketsAwaitingOpen.remove(gone);
        }
    }
}
