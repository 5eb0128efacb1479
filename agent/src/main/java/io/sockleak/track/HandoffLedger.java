package io.sockleak.track;

import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Links sockets that a library opens on a thread of its own to the application's call that asked for
 * them. Netty creates a channel's socket on the caller's thread (inside {@code Bootstrap.connect}, a
 * hand-off scope) and connects it on its event loop; java.net.http makes the request on the caller's
 * thread (its cause) and the connection on a worker, inside a scope for that request. A socket object
 * made inside a scope remembers the scope's cause until it opens, whatever thread opens it; a socket
 * accepted inside a listener's scope inherits the listener's cause.
 * <p>
 * Everything is by identity and weak: a request, listener or socket the agent holds must stay
 * collectable. Threads outside every scope pay one read of a counter.
 */
final class HandoffLedger {

    /** Cause by request or listener object. */
    private final Map<IdentityKey, Cause> causes = new ConcurrentHashMap<>();
    /** Cause by socket object made in a scope and not yet opened. */
    private final Map<IdentityKey, Cause> made = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    private final ThreadLocal<ArrayDeque<Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);
    private final AtomicInteger scopesOpen = new AtomicInteger();

    /** A scope on one thread: {@code request} null means "this thread's own stack is the cause". */
    private record Scope(Object request) {
    }

    void cause(Object request, boolean captureStacks) {
        expunge();
        causes.put(new IdentityKey(request, cleared), Cause.here(captureStacks));
    }

    /**
     * A scope for a request (or listener) with no cause changes nothing: it is marked by one shared
     * placeholder, without the allocation and the shared counter, so that every plain NIO accept (a
     * listener's scope) costs a thread-local push and pop only.
     */
    private static final Scope NOTHING = new Scope(null);

    void begin(Object request) {
        if (request != null && (causes.isEmpty() || !causes.containsKey(IdentityKey.of(request)))) {
            scopes.get().push(NOTHING);
            return;
        }
        scopes.get().push(new Scope(request));
        scopesOpen.incrementAndGet();
    }

    void end() {
        Scope ended = scopes.get().poll();
        if (ended != null && ended != NOTHING) {
            scopesOpen.decrementAndGet();
        } // else: a placeholder, or a scope that began before the agent did
    }

    /** A socket object made now: inside a scope, it keeps the scope's cause until it opens. */
    void created(Object socket, boolean captureStacks) {
        if (scopesOpen.get() == 0) {
            return;
        }
        Scope scope = scopes.get().peek();
        if (scope == null || scope == NOTHING) {
            return;
        }
        // The stack is taken here, not when the scope began: only scopes that make a socket pay for it,
        // and this stack holds the application's frames as well as the library's.
        Cause cause = scope.request() == null ? Cause.here(captureStacks) : causes.get(IdentityKey.of(scope.request()));
        if (cause != null) {
            expunge();
            made.put(new IdentityKey(socket, cleared), cause);
        }
    }

    /**
     * The cause of a socket opening now: the one it was made with, else (accepted inside a listener's
     * scope) the listener's. Null when the opening thread's own stack is the one to report.
     */
    Cause forOpening(Object socket) {
        if (!made.isEmpty()) {
            Cause cause = made.remove(IdentityKey.of(socket));
            if (cause != null) {
                return cause;
            }
        }
        if (scopesOpen.get() == 0) {
            return null;
        }
        Scope scope = scopes.get().peek();
        return scope == null || scope == NOTHING || scope.request() == null ? null
                : causes.get(IdentityKey.of(scope.request()));
    }

    /** A listener opened for {@code cause}: what it accepts later is for the same cause. */
    void listening(Object listener, Cause cause) {
        expunge();
        causes.put(new IdentityKey(listener, cleared), cause);
    }

    /** The cause a listener was opened for, or null. */
    Cause ofListener(Object listener) {
        return listener == null || causes.isEmpty() ? null : causes.get(IdentityKey.of(listener));
    }

    int size() {
        return causes.size() + made.size();
    }

    private void expunge() {
        Object gone;
        while ((gone = cleared.poll()) != null) {
            causes.remove(gone);
            made.remove(gone);
        }
    }
}
