package io.sockleak.kernel.netlink;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The kernel's TCP table through netlink {@code SOCK_DIAG} ({@code inet_diag}), with a state filter
 * applied by the kernel: rows in states nobody asked for (TIME_WAIT, most of a busy table) are never
 * formatted, copied or parsed. Speaks the protocol over the FFM API of JDK 22+, reached through method
 * handles so that this class compiles for release 17; it runs only in a module of its own that the
 * agent's {@code kernel.NetlinkTables} defines in a layer of its own and grants native access to
 * (so the JDK prints no restricted-method warning to the application's stderr). It names only
 * {@code java.*} types, as the agent reaches it reflectively.
 * <p>
 * {@link #dump} returns {@value #LONGS_PER_ROW} longs per row: state, local address (high, low, as the
 * agent's {@code Endpoint}: network order, IPv4 mapped), local port, remote address (high, low), remote
 * port, tx queue, rx queue, timer, timer expiry in ms, uid, inode, 1 for the IPv6 table (else 0).
 */
public final class InetDiag {

    public static final int LONGS_PER_ROW = 14;

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int SOCK_DIAG_BY_FAMILY = 20;
    /** The older request (struct inet_diag_req): the kernel answers it for both families in one walk. */
    private static final int TCPDIAG_GETSOCK = 18;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_DUMP = 0x300;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int IPPROTO_TCP = 6;
    private static final int HEADER = 16;
    private static final int REQUEST = HEADER + 56;
    private static final int COMPAT_REQUEST = HEADER + 60;
    private static final int ADDRESS_AT = 96;
    private static final int MESSAGE = 72;
    private static final int BUFFER = 64 * 1024;

    private final MethodHandle socket;
    private final MethodHandle sendto;
    private final MethodHandle recv;
    private final MethodHandle close;
    /** One native buffer for the life of this reader (freed by the GC with it): request, address, replies. */
    private final Object segment;
    private final ByteBuffer buffer;
    private final Object requestSlice;
    private final Object addressSlice;
    private final Object replySlice;

    /** Binds the four libc functions; throws when the FFM API or the symbols are not there. */
    public InetDiag() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> symbolsType = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> arenaType = Class.forName("java.lang.foreign.Arena");

        Object linker = lookup.findStatic(linkerType, "nativeLinker", MethodType.methodType(linkerType)).invoke();
        Object symbols = lookup.findVirtual(linkerType, "defaultLookup", MethodType.methodType(symbolsType))
                .invoke(linker);
        MethodHandle find = lookup.findVirtual(symbolsType, "find",
                MethodType.methodType(java.util.Optional.class, String.class));
        Object jint = valueLayoutType.getField("JAVA_INT").get(null);
        Object jlong = valueLayoutType.getField("JAVA_LONG").get(null);
        Object address = valueLayoutType.getField("ADDRESS").get(null);
        Object noLayouts = Array.newInstance(layoutType, 0);
        MethodHandle describe = lookup.findStatic(descriptorType, "of",
                MethodType.methodType(descriptorType, layoutType, noLayouts.getClass())).asFixedArity();
        // Restricted: the caller is this class (the lookup's), whose module has native access.
        MethodHandle downcall = lookup.findVirtual(linkerType, "downcallHandle",
                MethodType.methodType(MethodHandle.class, segmentType, descriptorType,
                        Array.newInstance(optionType, 0).getClass())).asFixedArity();
        Object noOptions = Array.newInstance(optionType, 0);

        socket = bind(find, symbols, downcall, linker, describe, noOptions, "socket", jint,
                layouts(layoutType, jint, jint, jint));
        sendto = bind(find, symbols, downcall, linker, describe, noOptions, "sendto", jlong,
                layouts(layoutType, jint, address, jlong, jint, address, jint));
        recv = bind(find, symbols, downcall, linker, describe, noOptions, "recv", jlong,
                layouts(layoutType, jint, address, jlong, jint));
        close = bind(find, symbols, downcall, linker, describe, noOptions, "close", jint, layouts(layoutType, jint));

        Object arena = lookup.findStatic(arenaType, "ofAuto", MethodType.methodType(arenaType)).invoke();
        segment = lookup.findVirtual(arenaType, "allocate", MethodType.methodType(segmentType, long.class))
                .invoke(arena, (long) BUFFER);
        MethodHandle slice = lookup.findVirtual(segmentType, "asSlice",
                MethodType.methodType(segmentType, long.class, long.class));
        requestSlice = slice.invoke(segment, 0L, (long) COMPAT_REQUEST);
        addressSlice = slice.invoke(segment, (long) ADDRESS_AT, 12L);
        replySlice = slice.invoke(segment, 128L, (long) (BUFFER - 128));
        buffer = ((ByteBuffer) lookup.findVirtual(segmentType, "asByteBuffer", MethodType.methodType(ByteBuffer.class))
                .invoke(segment)).order(ByteOrder.nativeOrder());
    }

    private static Object layouts(Class<?> layoutType, Object... layouts) {
        Object array = Array.newInstance(layoutType, layouts.length);
        for (int i = 0; i < layouts.length; i++) {
            Array.set(array, i, layouts[i]);
        }
        return array;
    }

    private static MethodHandle bind(MethodHandle find, Object symbols, MethodHandle downcall, Object linker,
                                     MethodHandle describe, Object noOptions, String name, Object result,
                                     Object arguments) throws Throwable {
        Object symbol = ((java.util.Optional<?>) find.invoke(symbols, name))
                .orElseThrow(() -> new IllegalStateException("no symbol " + name));
        Object descriptor = describe.invoke(result, arguments);
        return (MethodHandle) downcall.invoke(linker, symbol, descriptor, noOptions);
    }

    /** Whether the kernel answers {@link #TCPDIAG_GETSOCK}; after a refusal, one request per family. */
    private boolean bothFamiliesAtOnce = true;

    /**
     * The TCP sockets of this network namespace in the states of {@code stateMask} (bit N for state N:
     * 1 ESTABLISHED ... 10 LISTEN, 11 CLOSING, 12 NEW_SYN_RECV), IPv4 rows first, then IPv6. Not
     * thread-safe (one buffer).
     * <p>
     * The kernel walks its whole established hash for a dump, TIME_WAIT sockets included, checking each
     * one's state (about 0.3 us a socket: 20 ms at 65,000 TIME_WAIT rows here), and one request per
     * family walks it twice. The older {@code TCPDIAG_GETSOCK} request asks for both families in one
     * walk, halving the cost; where a kernel refuses it, the two {@code SOCK_DIAG_BY_FAMILY} requests.
     */
    public long[] dump(int stateMask) throws Throwable {
        Rows rows = new Rows();
        if (bothFamiliesAtOnce) {
            try {
                dump(TCPDIAG_GETSOCK, 0, stateMask, rows);
                return rows.toArray();
            } catch (IllegalStateException refused) {
                bothFamiliesAtOnce = false;
                rows = new Rows();
            }
        }
        dump(SOCK_DIAG_BY_FAMILY, AF_INET, stateMask, rows);
        dump(SOCK_DIAG_BY_FAMILY, AF_INET6, stateMask, rows);
        return rows.toArray();
    }

    private void dump(int type, int family, int stateMask, Rows rows) throws Throwable {
        int fd = (int) socket.invokeWithArguments(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                NETLINK_SOCK_DIAG);
        if (fd < 0) {
            throw new IllegalStateException("socket(AF_NETLINK, NETLINK_SOCK_DIAG) failed");
        }
        try {
            ByteBuffer b = buffer;
            for (int i = 0; i < ADDRESS_AT + 12; i++) {
                b.put(i, (byte) 0);
            }
            int length = type == TCPDIAG_GETSOCK ? COMPAT_REQUEST : REQUEST;
            b.putInt(0, length);
            b.putShort(4, (short) type);
            b.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
            b.putInt(8, 1);
            if (type == TCPDIAG_GETSOCK) {
                // struct inet_diag_req: family (ignored: both), lengths, ext, 48 bytes of id, then the states
                b.put(HEADER, (byte) AF_INET);
                b.putInt(HEADER + 52, stateMask);
            } else {
                // struct inet_diag_req_v2: family, protocol, ext, pad, then the states
                b.put(HEADER, (byte) family);
                b.put(HEADER + 1, (byte) IPPROTO_TCP);
                b.putInt(HEADER + 4, stateMask);
            }
            b.putShort(ADDRESS_AT, (short) AF_NETLINK);
            long sent = (long) sendto.invokeWithArguments(fd, requestSlice, (long) length, 0, addressSlice, 12);
            if (sent != length) {
                throw new IllegalStateException("sendto to netlink failed: " + sent);
            }
            while (true) {
                // The kernel fills each reply as it is asked for it: never empty while the dump lasts.
                long n = (long) recv.invokeWithArguments(fd, replySlice, (long) (BUFFER - 128), 0);
                if (n <= 0) {
                    throw new IllegalStateException("recv from netlink failed: " + n);
                }
                if (!messages(128, 128 + (int) n, rows)) {
                    return;
                }
            }
        } finally {
            close.invokeWithArguments(fd);
        }
    }

    /** Reads one reply's messages; false after the dump's last. */
    private boolean messages(int from, int to, Rows rows) {
        ByteBuffer b = buffer;
        int at = from;
        while (at + HEADER <= to) {
            int length = b.getInt(at);
            int type = b.getShort(at + 4) & 0xFFFF;
            if (type == NLMSG_DONE) {
                return false;
            }
            if (type == NLMSG_ERROR) {
                throw new IllegalStateException("netlink error " + b.getInt(at + HEADER));
            }
            if (length < HEADER + MESSAGE) {
                throw new IllegalStateException("short inet_diag message: " + length);
            }
            row(at + HEADER, rows);
            at += (length + 3) & ~3;
        }
        return true;
    }

    private void row(int m, Rows rows) {
        ByteBuffer b = buffer;
        int family = b.get(m) & 0xFF;
        long[] r = rows.next();
        r[0] = b.get(m + 1) & 0xFF;
        address(m + 8, family, r, 1);
        r[3] = Short.toUnsignedInt(Short.reverseBytes(b.getShort(m + 4))) & 0xFFFF;
        address(m + 24, family, r, 4);
        r[6] = Short.toUnsignedInt(Short.reverseBytes(b.getShort(m + 6))) & 0xFFFF;
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
            r[3] = b.getShort(m + 4) & 0xFFFF;
            r[6] = b.getShort(m + 6) & 0xFFFF;
        }
        r[7] = Integer.toUnsignedLong(b.getInt(m + 60));
        r[8] = Integer.toUnsignedLong(b.getInt(m + 56));
        r[9] = b.get(m + 2) & 0xFF;
        r[10] = Integer.toUnsignedLong(b.getInt(m + 52));
        r[11] = b.getInt(m + 64);
        r[12] = Integer.toUnsignedLong(b.getInt(m + 68));
        r[13] = family == AF_INET6 ? 1 : 0;
    }

    /** An address as the agent's Endpoint keeps it: 128 bits in network order, IPv4 mapped. */
    private void address(int at, int family, long[] r, int index) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (family == AF_INET) {
            r[index] = 0;
            r[index + 1] = 0x0000_FFFF_0000_0000L | Integer.toUnsignedLong(b.getInt(at));
        } else {
            r[index] = b.getLong(at);
            r[index + 1] = b.getLong(at + 8);
        }
    }

    /** A growing flat array of rows. */
    private static final class Rows {
        private long[] all = new long[LONGS_PER_ROW * 64];
        private final long[] row = new long[LONGS_PER_ROW];
        private int count;
        private boolean pending;

        long[] next() {
            flush();
            pending = true;
            return row;
        }

        private void flush() {
            if (pending) {
                if ((count + 1) * LONGS_PER_ROW > all.length) {
                    all = Arrays.copyOf(all, all.length * 2);
                }
                System.arraycopy(row, 0, all, count * LONGS_PER_ROW, LONGS_PER_ROW);
                count++;
                pending = false;
            }
        }

        /** IPv4 rows first, then IPv6, each in the kernel's order (one walk gives them mixed). */
        long[] toArray() {
            flush();
            long[] ordered = new long[count * LONGS_PER_ROW];
            int at = 0;
            for (int v6 = 0; v6 <= 1; v6++) {
                for (int i = 0; i < count; i++) {
                    if (all[i * LONGS_PER_ROW + 13] == v6) {
                        System.arraycopy(all, i * LONGS_PER_ROW, ordered, at, LONGS_PER_ROW);
                        at += LONGS_PER_ROW;
                    }
                }
            }
            return ordered;
        }
    }
}
