package io.sockleak.track;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One socket the agent saw open. Weakly refers to the JDK object (NioSocketImpl or channel) so the
 * agent never keeps a socket reachable; a cleared referent while still open means collected-open.
 * The stack is kept as the raw Throwable until someone needs it, then replaced by its interned Site;
 * a socket of a key the {@link StackSampler} samples keeps the key's {@link SiteSample} instead.
 */
public final class SocketRecord extends WeakReference<Object> {

    static final int OPEN = 0;
    static final int CLOSED = 1;
    static final int COLLECTED = 2;

    private static final AtomicIntegerFieldUpdater<SocketRecord> STATE =
            AtomicIntegerFieldUpdater.newUpdater(SocketRecord.class, "state");

    private final int fd;
    private final int kind;
    private final long openedAtMillis;
    private final String thread;
    private final InetAddress remoteAddress;
    private final int remotePort;
    private final InetAddress localAddress;
    private final int localPort;
    private volatile Object stack;
    /** The application thread whose call caused the socket when a library opened it elsewhere, else null. */
    private final String requestThread;
    /** Then: the opening thread's own stack (raw, then its Site); else null. */
    private volatile Object openStack;
    private volatile int state;
    private volatile long collectedAtMillis;
    private volatile boolean fdReleased;
    private volatile long inode;
    private volatile long endOfStreamAtMillis;
    private volatile PooledConnection pooled;

    /**
     * {@code cause}: the application's call a library opened this socket for on another thread (null when
     * the opening thread's own stack is the one to report); its stack becomes the record's stack and
     * {@code stack} (the opening thread's) is kept as {@link #openSite}.
     */
    SocketRecord(Object socket, ReferenceQueue<Object> queue, int fd, int kind, long openedAtMillis, String thread,
                 Object stack, Cause cause, InetAddress remoteAddress, int remotePort, InetAddress localAddress,
                 int localPort) {
        super(socket, queue);
        this.fd = fd;
        this.kind = kind;
        this.openedAtMillis = openedAtMillis;
        this.thread = thread;
        if (cause == null) {
            this.stack = stack;
            this.requestThread = null;
        } else {
            this.stack = cause.stack();
            this.requestThread = cause.thread();
            this.openStack = stack;
        }
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.localAddress = localAddress;
        this.localPort = localPort;
    }

    public int fd() {
        return fd;
    }

    public int kind() {
        return kind;
    }

    public boolean isListener() {
        return SocketKind.isListener(kind);
    }

    public String origin() {
        return SocketKind.origin(kind);
    }

    public String api() {
        return SocketKind.api(kind);
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    public String thread() {
        return thread;
    }

    public InetAddress remoteAddress() {
        return remoteAddress;
    }

    public int remotePort() {
        return remotePort;
    }

    public InetAddress localAddress() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    public boolean isCollected() {
        return state == COLLECTED;
    }

    public long collectedAtMillis() {
        return collectedAtMillis;
    }

    /** False while the descriptor is still held (a collected NIO channel keeps it until exit). */
    public boolean fdReleased() {
        return fdReleased;
    }

    /** The socket's inode once a kernel snapshot has read it, else 0. */
    public long inode() {
        return inode;
    }

    /** A descriptor keeps its inode until it is released, so one read of its link is enough. */
    public void rememberInode(long socketInode) {
        inode = socketInode;
    }

    /** When a read first returned end-of-stream (the application saw the peer's FIN), else 0. */
    public long endOfStreamAtMillis() {
        return endOfStreamAtMillis;
    }

    void sawEndOfStream(long nowMillis) {
        if (endOfStreamAtMillis == 0) {
            endOfStreamAtMillis = nowMillis;
        }
    }

    /** The pooled connection this socket carries, when a library hook said so; else null. */
    public PooledConnection pooled() {
        return pooled;
    }

    void joinPool(PooledConnection connection) {
        pooled = connection;
        connection.joinedBySocket();
    }

    /** The thread whose call caused this socket when a library opened it on another thread ({@link #thread}), else null. */
    public String requestThread() {
        return requestThread;
    }

    /** When {@link #requestThread} is set: the opening thread's own stack as a site; else null. */
    public Site openSite(SiteTable sites) {
        Object kept = openStack;
        Site site = sites.siteOf(kept);
        if (!(kept instanceof SiteSample)) {
            openStack = site;
        }
        return site;
    }

    /**
     * The interned site, materialising the stack on first use; null when stacks are off. For a socket
     * whose stack is a sample ({@link #stackSample}), the sample's site.
     */
    public Site site(SiteTable sites) {
        Object kept = stack;
        Site site = sites.siteOf(kept);
        if (!(kept instanceof SiteSample)) {
            stack = site;
        }
        return site;
    }

    /** When this socket's stack was not captured, the sample that stands for it ({@link StackSampler}); else null. */
    public SiteSample stackSample() {
        return stack instanceof SiteSample sample ? sample : null;
    }

    boolean hasRawStack() {
        return stack instanceof Throwable || openStack instanceof Throwable;
    }

    boolean markClosed() {
        fdReleased = true;
        return STATE.compareAndSet(this, OPEN, CLOSED);
    }

    /** True the first time the record is found collected while still open. */
    boolean markCollected(long nowMillis) {
        if (STATE.compareAndSet(this, OPEN, COLLECTED)) {
            collectedAtMillis = nowMillis;
            return true;
        }
        return false;
    }

    void markFdReleased() {
        fdReleased = true;
    }
}
