package io.sockleak.track;

import io.sockleak.bootstrap.SocketEventSink;
import io.sockleak.bootstrap.SocketEvents;

import java.io.FileDescriptor;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registry of live sockets and listeners, fed by the advice. The hot path (open, close) takes
 * no lock and allocates only the record and its captured stack.
 */
public final class SocketTracker implements SocketEventSink {

    private static final int COLLECTED_LOG_CAPACITY = 1000;

    private final SocketIntrospector introspector;
    private final FdTable table = new FdTable();
    private final ReferenceQueue<Object> collectedQueue = new ReferenceQueue<>();
    private final CollectedLog collectedLog = new CollectedLog(COLLECTED_LOG_CAPACITY);
    private final PoolLedger pools = new PoolLedger();
    private final HandoffLedger handoffs = new HandoffLedger();
    private final SiteTable sites;
    private final StackSampler sampler;
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong missedCloses = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError;
    private volatile int maxTracked;
    private volatile boolean captureStacks;
    private volatile FailureHandler failureHandler;

    public SocketTracker(SocketIntrospector introspector, int stackDepth, int maxTracked) {
        this(introspector, stackDepth, true, maxTracked, new FrameRule(List.of()));
    }

    /** @param stackSampling whether a hot key's stacks may be sampled ({@link StackSampler}); false: every one captured */
    public SocketTracker(SocketIntrospector introspector, int stackDepth, boolean stackSampling, int maxTracked,
                         FrameRule frameRule) {
        this.introspector = introspector;
        this.sites = new SiteTable(Math.max(1, stackDepth), 10_000, frameRule);
        this.captureStacks = stackDepth > 0;
        this.sampler = new StackSampler(sites, stackSampling);
        this.maxTracked = maxTracked;
    }

    public void setMaxTracked(int maxTracked) {
        this.maxTracked = maxTracked;
    }

    public void setFailureHandler(FailureHandler handler) {
        this.failureHandler = handler;
    }

    @Override
    public void opened(Object socket, int fd, int kind, Object address) {
        try {
            InetAddress remote = null;
            int remotePort = 0;
            InetAddress local = null;
            int localPort = 0;
            if ((kind & SocketEvents.API_MASK) == SocketEvents.SOCKET) {
                if (fd < 0) {
                    fd = introspector.fdOfSocketImpl(socket);
                }
                if (!SocketKind.isListener(kind)) {
                    remote = introspector.remoteAddressOfSocketImpl(socket);
                    remotePort = introspector.remotePortOfSocketImpl(socket);
                }
                localPort = introspector.localPortOfSocketImpl(socket);
            } else if (isClosedChannel(socket)) {
                return; // an asynchronous connect that failed at once has already closed the channel
            } else if (address instanceof InetSocketAddress inet) {
                if (SocketKind.isListener(kind)) {
                    local = inet.getAddress();
                    localPort = inet.getPort();
                } else {
                    remote = inet.getAddress();
                    remotePort = inet.getPort();
                }
            } else {
                return; // a UNIX-domain channel: not TCP
            }
            register(socket, fd, kind, remote, remotePort, local, localPort, null);
        } catch (Throwable t) {
            error(t);
        }
    }

    private static boolean isClosedChannel(Object socket) {
        return socket instanceof java.nio.channels.Channel channel && !channel.isOpen();
    }

    @Override
    public void openedWithFd(Object socket, FileDescriptor fd, int kind, Object address) {
        try {
            opened(socket, introspector.fd(fd), kind, address);
        } catch (Throwable t) {
            error(t);
        }
    }

    /** {@code cause}: known by the caller (a native accept), else looked up in the hand-off ledger. */
    private void register(Object socket, int fd, int kind, InetAddress remote, int remotePort,
                          InetAddress local, int localPort, Cause cause) {
        if (!FdTable.fits(fd)) {
            return;
        }
        SocketRecord existing = table.get(fd);
        if (existing != null && existing.get() == socket) {
            return;
        }
        if (existing == null && live.get() >= maxTracked) {
            dropped.incrementAndGet();
            return;
        }
        if (cause == null) {
            cause = handoffs.forOpening(socket);
        }
        if (cause != null && SocketKind.isListener(kind)) {
            handoffs.listening(socket, cause);
        }
        SocketRecord record = new SocketRecord(socket, collectedQueue, fd, kind, System.currentTimeMillis(),
                Thread.currentThread().getName(),
                captureStacks ? sampler.stackFor(kind, remote, remotePort, localPort) : null, cause,
                remote, remotePort, local, localPort);
        PooledConnection pooled = pools.forSocketOpening(socket);
        if (pooled != null) {
            record.joinPool(pooled);
        }
        SocketRecord previous = table.put(fd, record);
        if (previous == null) {
            live.incrementAndGet();
        } else {
            missedCloses.incrementAndGet();
            release(previous);
        }
    }

    @Override
    public void closing(FileDescriptor descriptor) {
        try {
            forget(introspector.fd(descriptor));
        } catch (Throwable t) {
            error(t);
        }
    }

    private void forget(int fd) {
        if (!FdTable.fits(fd)) {
            return;
        }
        SocketRecord record = table.remove(fd);
        if (record != null) {
            live.decrementAndGet();
            release(record);
        }
    }

    // ---- native transports (Netty epoll, io_uring, kqueue) ------------------------------------------

    /** A UNIX-domain address means not TCP; accepted and listening sockets may come without an address. */
    @Override
    public void openedFd(Object owner, int fd, int kind, Object address) {
        try {
            InetAddress remote = null;
            int remotePort = 0;
            InetAddress local = null;
            int localPort = 0;
            if (address instanceof InetSocketAddress inet) {
                if (SocketKind.isListener(kind)) {
                    local = inet.getAddress();
                    localPort = inet.getPort();
                } else {
                    remote = inet.getAddress();
                    remotePort = inet.getPort();
                }
            } else if (address != null) {
                return;
            }
            if (fd < 0) {
                fd = NativeFds.of(owner);
            }
            register(owner, fd, kind, remote, remotePort, local, localPort, null);
        } catch (Throwable t) {
            error(t);
        }
    }

    /** Accepted sockets inherit the cause their listener was opened for (the application's bind). */
    @Override
    public void acceptedFd(Object listener, Object owner, int fd) {
        try {
            register(owner, fd, SocketEvents.ACCEPTED | SocketEvents.NATIVE, null, 0, null, 0,
                    handoffs.ofListener(listener));
        } catch (Throwable t) {
            error(t);
        }
    }

    @Override
    public void closedFd(int fd) {
        try {
            forget(fd);
        } catch (Throwable t) {
            error(t);
        }
    }

    // ---- work handed to another thread -------------------------------------------------------------

    @Override
    public void socketCreated(Object socket) {
        try {
            handoffs.created(socket, captureStacks);
        } catch (Throwable t) {
            error(t);
        }
    }

    @Override
    public void handoffCause(Object request) {
        try {
            handoffs.cause(request, captureStacks);
        } catch (Throwable t) {
            error(t);
        }
    }

    @Override
    public void handoffBegin(Object request) {
        try {
            handoffs.begin(request);
        } catch (Throwable t) {
            error(t);
        }
    }

    @Override
    public void handoffEnd() {
        try {
            handoffs.end();
        } catch (Throwable t) {
            error(t);
        }
    }

    private void release(SocketRecord record) {
        if (record.refersTo(null) && record.markCollected(System.currentTimeMillis())) {
            collectedLog.add(record);
        }
        record.markClosed();
    }

    @Override
    public void poolConnecting(String pool) {
        try {
            pools.connecting(pool);
        } catch (Throwable t) {
            error(t);
        }
    }

    @Override
    public void poolConnected(Object connection) {
        try {
            pools.connected(connection);
        } catch (Throwable t) {
            error(t);
        }
    }

    /**
     * The borrow's stack is captured like a socket's: raw now, frames only if a report needs them, and
     * sampled like a socket's when one line borrows fast ({@link StackSampler}).
     */
    @Override
    public void poolBorrowed(Object connection) {
        try {
            PooledConnection known = pools.find(connection);
            if (known != null) { // the stack is paid only for a connection the agent knows
                known.borrowed(System.currentTimeMillis(), captureStacks ? sampler.borrowStackFor(known.pool()) : null,
                        Thread.currentThread());
            }
        } catch (Throwable t) {
            error(t);
        }
    }

    @Override
    public void poolReturned(Object connection) {
        try {
            pools.returned(connection);
        } catch (Throwable t) {
            error(t);
        }
    }

    /** A socket already open joins the connection now; one not open yet joins when it opens. */
    @Override
    public void poolSocket(Object connection, Object socket, String pool) {
        try {
            // The registry knows a java.net socket by its platform implementation, opened or not yet.
            Object referent = socket instanceof java.net.Socket s ? introspector.platformImplOf(s) : socket;
            if (referent == null) {
                return;
            }
            PooledConnection pooled = pools.connection(connection, pool);
            SocketRecord open = openRecordOf(referent);
            if (open != null) {
                open.joinPool(pooled);
            } else {
                pools.awaitOpen(referent, pooled);
            }
        } catch (Throwable t) {
            error(t);
        }
    }

    /**
     * The record of an open socket object: a java.net implementation by its descriptor, a channel by a
     * look through the registry (java.net.http, once per connection); null when it is not open yet.
     */
    private SocketRecord openRecordOf(Object referent) {
        if (referent instanceof java.net.SocketImpl) {
            int fd = introspector.fdOfSocketImpl(referent);
            SocketRecord record = FdTable.fits(fd) ? table.get(fd) : null;
            return record != null && record.refersTo(referent) ? record : null;
        }
        SocketRecord[] found = new SocketRecord[1];
        table.forEach(record -> {
            if (record.refersTo(referent)) {
                found[0] = record;
            }
        });
        return found[0];
    }

    @Override
    public void poolAlias(Object connection, Object alias, String pool) {
        try {
            pools.alias(connection, alias, pool);
        } catch (Throwable t) {
            error(t);
        }
    }

    @Override
    public void endOfStream(Object socket, int fd) {
        try {
            sawEndOfStream(fd < 0 ? introspector.fdOfSocketImpl(socket) : fd, socket);
        } catch (Throwable t) {
            error(t);
        }
    }

    /** An fd names one open file at a time: the record on it, if any, is this socket's. */
    @Override
    public void endOfStreamOn(FileDescriptor descriptor) {
        try {
            sawEndOfStream(introspector.fd(descriptor), null);
        } catch (Throwable t) {
            error(t);
        }
    }

    /** Marks the record on {@code fd}; {@code socket}, when known, must be its object (a reused fd is not). */
    private void sawEndOfStream(int fd, Object socket) {
        SocketRecord record = FdTable.fits(fd) ? table.get(fd) : null;
        if (record != null && (socket == null || record.refersTo(socket))) {
            record.sawEndOfStream(System.currentTimeMillis());
        }
    }

    /** Pooled connections the library hooks know, for the agent's status. */
    public int pooledConnections() {
        return pools.size();
    }

    @Override
    public void failed(Object socket, int operation, Object address, Throwable failure) {
        FailureHandler handler = failureHandler;
        if (handler != null) {
            try {
                handler.failed(socket, operation, address, failure);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    /**
     * Notices records whose socket was garbage-collected while open: from the reference queue and,
     * because the queue lags the GC, by looking at every live record.
     */
    public void noticeCollected() {
        long now = System.currentTimeMillis();
        Reference<?> ref;
        while ((ref = collectedQueue.poll()) != null) {
            SocketRecord record = (SocketRecord) ref;
            if (record.markCollected(now)) {
                collectedLog.add(record);
            }
        }
        table.forEach(record -> {
            if (record.refersTo(null) && record.markCollected(now)) {
                collectedLog.add(record);
            }
        });
    }

    /** Interns the stacks of records older than {@code minAgeMillis}, so long-lived sockets cost little. */
    public void internStacks(long minAgeMillis) {
        long cutoff = System.currentTimeMillis() - minAgeMillis;
        table.forEach(record -> {
            if (record.hasRawStack() && record.openedAtMillis() <= cutoff) {
                record.site(sites);
                record.openSite(sites);
            }
        });
    }

    public List<SocketRecord> liveRecords() {
        List<SocketRecord> records = new ArrayList<>(Math.max(16, live.get()));
        table.forEach(records::add);
        return records;
    }

    public List<SocketRecord> collectedRecords() {
        return collectedLog.recent();
    }

    public long collectedTotal() {
        return collectedLog.total();
    }

    public SiteTable sites() {
        return sites;
    }

    public int liveCount() {
        return live.get();
    }

    public int maxTracked() {
        return maxTracked;
    }

    public long dropped() {
        return dropped.get();
    }

    public long missedCloses() {
        return missedCloses.get();
    }

    public long errors() {
        return errors.get() + SocketEvents.errors();
    }

    public String lastError() {
        return lastError;
    }

    public void error(Throwable t) {
        errors.incrementAndGet();
        lastError = t.toString();
    }
}
