package io.sockleak.track;

/**
 * A connection that a pool lends and takes back, as the library hooks saw it: which pool, whether it
 * is lent out or idle since when, and for a lent one who borrowed it (the borrow's stack is raw until a
 * report needs it, like a socket's). One per pooled connection, shared by its sockets' records.
 */
public final class PooledConnection {

    /** Where the connection is now. */
    public enum State {
        /**
         * Made by the pool, lending not seen yet: judged like an unpooled socket, so a library whose
         * borrow hook does not match (another version) never turns a leak into a stale connection.
         */
        NEW,
        /** In the pool, waiting to be borrowed. */
        IDLE,
        /** Lent to the application. */
        BORROWED
    }

    private final String pool;
    private volatile State state = State.NEW;
    private volatile long sinceMillis;
    private volatile Object borrowStack;
    private volatile Thread borrower;
    private volatile boolean carriesSocket;

    PooledConnection(String pool, long nowMillis) {
        this.pool = pool;
        this.sinceMillis = nowMillis;
    }

    public String pool() {
        return pool;
    }

    public State state() {
        return state;
    }

    /** When the connection entered its current state. */
    public long sinceMillis() {
        return sinceMillis;
    }

    public String borrowThread() {
        Thread t = borrower;
        return state == State.BORROWED && t != null ? t.getName() : null;
    }

    /**
     * Whether the thread that borrowed it has ended: no request of that thread can still be using
     * the connection. (Held only while borrowed; a thread object without its stack is small.)
     */
    public boolean borrowerEnded() {
        Thread t = borrower;
        return state == State.BORROWED && t != null && !t.isAlive();
    }

    /**
     * The interned stack of the current borrow (a sampled borrow's: its key's site); null when idle or
     * when stacks are off.
     */
    public Site borrowSite(SiteTable sites) {
        if (state != State.BORROWED) {
            return null;
        }
        Object kept = borrowStack;
        Site site = sites.siteOf(kept);
        if (!(kept instanceof SiteSample)) {
            borrowStack = site;
        }
        return site;
    }

    /** When the current borrow's stack was not captured, the sample that stands for it; else null. */
    public SiteSample borrowSample() {
        return state == State.BORROWED && borrowStack instanceof SiteSample sample ? sample : null;
    }

    /** Whether a socket joined it: a pool of things other than connections never gets one. */
    boolean carriesSocket() {
        return carriesSocket;
    }

    void joinedBySocket() {
        carriesSocket = true;
    }

    /** {@code stack}: a {@link CapturedStack}, a {@link Site} or a {@link SiteSample} ({@link StackSampler}); null when stacks are off. */
    void borrowed(long nowMillis, Object stack, Thread thread) {
        borrowStack = stack;
        borrower = thread;
        sinceMillis = nowMillis;
        state = State.BORROWED;
    }

    void returned(long nowMillis) {
        state = State.IDLE;
        sinceMillis = nowMillis;
        borrowStack = null;
        borrower = null;
    }
}
