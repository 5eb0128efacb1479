package io.sockleak.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address and port. The address is kept as 128 bits ({@code high}, {@code low}) in network
 * order; an IPv4 address is kept in its IPv4-mapped form ::ffff:a.b.c.d, so 127.0.0.1 read from
 * /proc/net/tcp and ::ffff:127.0.0.1 read from /proc/net/tcp6 are equal endpoints.
 */
public record Endpoint(long high, long low, int port) {

    private static final long V4_MAPPED_PREFIX = 0x0000_FFFF_0000_0000L;
    private static final long V4_MASK = 0xFFFF_FFFFL;

    public Endpoint {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code address} holds the four bytes in network order (127.0.0.1 is 0x7F000001). */
    public static Endpoint ofIpv4(int address, int port) {
        return new Endpoint(0L, V4_MAPPED_PREFIX | (address & V4_MASK), port);
    }

    public static Endpoint of(InetAddress address, int port) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ofIpv4(readInt(bytes, 0), port);
        }
        long high = ((long) readInt(bytes, 0) << 32) | (readInt(bytes, 4) & V4_MASK);
        long low = ((long) readInt(bytes, 8) << 32) | (readInt(bytes, 12) & V4_MASK);
        return new Endpoint(high, low, port);
    }

    /** As {@link #toString()}, or {@code *:port} for a socket bound to no particular address ({@code null}). */
    public static String text(InetAddress address, int port) {
        return address == null ? "*:" + port : of(address, port).toString();
    }

    /**
     * The inverse of {@link #toString()}: {@code 127.0.0.1:8080}, {@code [::1]:8080}. Only literal
     * addresses (no host names, no zone ids).
     *
     * @throws IllegalArgumentException if {@code hostPort} is not of that form
     */
    public static Endpoint parse(String hostPort) {
        return EndpointParser.parse(hostPort);
    }

    /** True for IPv4 and IPv4-mapped IPv6 addresses. */
    public boolean isIpv4() {
        return high == 0 && (low & ~V4_MASK) == V4_MAPPED_PREFIX;
    }

    /** The IPv4 address in network order; meaningful only when {@link #isIpv4()}. */
    public int ipv4() {
        return (int) low;
    }

    public boolean isWildcard() {
        return (high == 0 && low == 0) || (isIpv4() && ipv4() == 0);
    }

    public boolean sameAddress(Endpoint other) {
        return other != null && high == other.high && low == other.low;
    }

    public InetAddress toInetAddress() {
        byte[] bytes;
        if (isIpv4()) {
            bytes = new byte[4];
            writeInt(bytes, 0, ipv4());
        } else {
            bytes = new byte[16];
            writeInt(bytes, 0, (int) (high >>> 32));
            writeInt(bytes, 4, (int) high);
            writeInt(bytes, 8, (int) (low >>> 32));
            writeInt(bytes, 12, (int) low);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossibleForLength4Or16) {
            throw new IllegalStateException(impossibleForLength4Or16);
        }
    }

    /** {@code 127.0.0.1:8080} for IPv4 and IPv4-mapped addresses, else {@code [fe80::1]:22} (RFC 5952). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(48);
        if (isIpv4()) {
            int a = ipv4();
            sb.append(a >>> 24).append('.').append((a >>> 16) & 0xFF).append('.')
                    .append((a >>> 8) & 0xFF).append('.').append(a & 0xFF);
        } else {
            sb.append('[');
            appendIpv6(sb);
            sb.append(']');
        }
        return sb.append(':').append(port).toString();
    }

    private void appendIpv6(StringBuilder sb) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
