package io.sockleak.bootstrap;

import java.io.FileDescriptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge between advice inlined into JDK classes and the agent. Lives on the boot class path,
 * so it has no dependencies and does nothing but hand events on; every call swallows what it throws.
 */
public final class SocketEvents {

    public static final int ACCEPTED = 1;
    public static final int CONNECTED = 2;
    public static final int LISTENING = 3;
    public static final int ORIGIN_MASK = 0x0F;

    public static final int SOCKET = 0x10;
    public static final int CHANNEL = 0x20;
    public static final int ASYNC = 0x30;
    /** A socket of a native transport (Netty epoll, io_uring, kqueue): its descriptor never passes the JDK's classes. */
    public static final int NATIVE = 0x40;
    public static final int API_MASK = 0xF0;

    public static final int OP_BIND = 1;
    public static final int OP_ACCEPT = 2;
    public static final int OP_CONNECT = 3;
    /** Creating the socket's descriptor (before any connect or bind): fails with EMFILE/ENFILE. */
    public static final int OP_CREATE = 4;

    private static volatile SocketEventSink sink;
    /** Atomic: a volatile {@code ++} from many threads at once would lose counts. */
    private static final AtomicLong ERRORS = new AtomicLong();

    private SocketEvents() {
    }

    public static void install(SocketEventSink newSink) {
        sink = newSink;
    }

    public static SocketEventSink sink() {
        return sink;
    }

    /** Errors thrown by the sink itself (the sink counts its own as well). */
    public static long errors() {
        return ERRORS.get();
    }

    public static void opened(Object socket, int fd, int kind, Object address) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.opened(socket, fd, kind, address);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    public static void openedWithFd(Object socket, FileDescriptor fd, int kind, Object address) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.openedWithFd(socket, fd, kind, address);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    public static void closing(FileDescriptor fd) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.closing(fd);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    public static void failed(Object socket, int operation, Object address, Throwable failure) {
        SocketEventSink s = sink;
        if (s != null && failure != null) {
            try {
                s.failed(socket, operation, address, failure);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** A pooled connection is being made on this thread: sockets opened until {@link #poolConnected} belong to it. */
    public static void poolConnecting(String pool) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.poolConnecting(pool);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** Ends {@link #poolConnecting}: {@code connection} is what the pool lends and takes back (null: not made). */
    public static void poolConnected(Object connection) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.poolConnected(connection);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** The pool lent {@code connection} to the application. */
    public static void poolBorrowed(Object connection) {
        SocketEventSink s = sink;
        if (s != null && connection != null) {
            try {
                s.poolBorrowed(connection);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** {@code connection} is back in the pool, idle. */
    public static void poolReturned(Object connection) {
        SocketEventSink s = sink;
        if (s != null && connection != null) {
            try {
                s.poolReturned(connection);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** Binds a socket or channel to a pooled connection, for pools that open it on another thread. */
    public static void poolSocket(Object connection, Object socket, String pool) {
        SocketEventSink s = sink;
        if (s != null && connection != null && socket != null) {
            try {
                s.poolSocket(connection, socket, pool);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /**
     * {@code alias} is another object standing for the same pooled connection (a pool entry and the
     * connection it holds), so that events about either reach one connection.
     */
    public static void poolAlias(Object connection, Object alias, String pool) {
        SocketEventSink s = sink;
        if (s != null && connection != null && alias != null) {
            try {
                s.poolAlias(connection, alias, pool);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** A read on the descriptor returned end-of-stream (NIO reads, which know only the descriptor). */
    public static void endOfStreamOn(FileDescriptor fd) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.endOfStreamOn(fd);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** A read on the socket returned end-of-stream: the application has seen the peer's FIN. */
    public static void endOfStream(Object socket, int fd) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.endOfStream(socket, fd);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    // ---- native transports: descriptors the JDK never sees ------------------------------------------

    /**
     * A socket the JDK's classes never saw became connected, accepted or listening. {@code owner} is the
     * object whose life is the socket's (the library's descriptor object or its channel), held weakly.
     */
    public static void openedFd(Object owner, int fd, int kind, Object address) {
        SocketEventSink s = sink;
        if (s != null && owner != null) {
            try {
                s.openedFd(owner, fd, kind, address);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** A native listener ({@code listener}, its owner object) accepted {@code fd}, now owned by {@code owner}. */
    public static void acceptedFd(Object listener, Object owner, int fd) {
        SocketEventSink s = sink;
        if (s != null && owner != null) {
            try {
                s.acceptedFd(listener, owner, fd);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** A descriptor reported by {@link #openedFd} is about to be closed (the library's single close point). */
    public static void closedFd(int fd) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.closedFd(fd);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    // ---- work handed to another thread ---------------------------------------------------------------

    /** A socket object was made, not yet connected: it belongs to the hand-off scope of this thread, if any. */
    public static void socketCreated(Object socket) {
        SocketEventSink s = sink;
        if (s != null && socket != null) {
            try {
                s.socketCreated(socket);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /** This thread's stack is why later work for {@code request} (on any thread) opens sockets. */
    public static void handoffCause(Object request) {
        SocketEventSink s = sink;
        if (s != null && request != null) {
            try {
                s.handoffCause(request);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    /**
     * Starts a hand-off scope on this thread, ended by {@link #handoffEnd}: sockets made inside it are
     * opened later, maybe on another thread, for the cause of {@code request} ({@link #handoffCause}, or a
     * listener's), or, with {@code request} null, for this thread's own stack at the moment they are made.
     */
    public static void handoffBegin(Object request) {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.handoffBegin(request);
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }

    public static void handoffEnd() {
        SocketEventSink s = sink;
        if (s != null) {
            try {
                s.handoffEnd();
            } catch (Throwable t) {
                ERRORS.incrementAndGet();
            }
        }
    }
}
