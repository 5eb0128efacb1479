package io.sockleak.kernel;

/** Parses the text form of {@link Endpoint#toString()} without any name lookup. */
final class EndpointParser {

    private EndpointParser() {
    }

    static Endpoint parse(String hostPort) {
        if (hostPort == null) {
            throw new IllegalArgumentException("null endpoint");
        }
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw invalid(hostPort);
            }
            int[] groups = ipv6Groups(hostPort.substring(1, close));
            if (groups == null) {
                throw invalid(hostPort);
            }
            long high = 0;
            long low = 0;
            for (int i = 0; i < 4; i++) {
                high = (high << 16) | groups[i];
                low = (low << 16) | groups[i + 4];
            }
            return new Endpoint(high, low, port(hostPort, close + 2));
        }
        int colon = hostPort.indexOf(':');
        if (colon < 0 || colon != hostPort.lastIndexOf(':')) {
            throw invalid(hostPort);
        }
        long address = ipv4(hostPort, 0, colon);
        if (address < 0) {
            throw invalid(hostPort);
        }
        return Endpoint.ofIpv4((int) address, port(hostPort, colon + 1));
    }

    private static int port(String s, int from) {
        long port = Decimals.parse(s, from, s.length(), 5);
        if (port < 0 || port > 0xFFFF) {
            throw invalid(s);
        }
        return (int) port;
    }

    /** Eight 16-bit groups, or null if {@code s} is not an IPv6 literal. */
    private static int[] ipv6Groups(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount = gap < 0 ? groups(s, 0, s.length(), head, true) : groups(s, 0, gap, head, false);
        int tailCount = gap < 0 ? 0 : groups(s, gap + 2, s.length(), tail, true);
        if (headCount < 0 || tailCount < 0) {
            return null;
        }
        if (gap < 0 ? headCount != 8 : headCount + tailCount > 7) {
            return null;
        }
        int[] result = new int[8];
        System.arraycopy(head, 0, result, 0, headCount);
        System.arraycopy(tail, 0, result, 8 - tailCount, tailCount);
        return result;
    }

    /** Parses colon-separated hex groups of s[from, to) into out; returns the count or -1. */
    private static int groups(String s, int from, int to, int[] out, boolean ipv4LastAllowed) {
        if (from == to) {
            return 0;
        }
        int count = 0;
        int start = from;
        while (true) {
            int end = s.indexOf(':', start);
            if (end < 0 || end > to) {
                end = to;
            }
            if (ipv4LastAllowed && end == to && s.indexOf('.', start) >= 0 && s.indexOf('.', start) < to) {
                long v4 = ipv4(s, start, to);
                if (v4 < 0 || count > 6) {
                    return -1;
                }
                out[count++] = (int) (v4 >>> 16);
                out[count++] = (int) (v4 & 0xFFFF);
                return count;
            }
            int group = hexGroup(s, start, end);
            if (group < 0 || count == 8) {
                return -1;
            }
            out[count++] = group;
            if (end == to) {
                return count;
            }
            start = end + 1;
        }
    }

    private static int hexGroup(String s, int from, int to) {
        if (to - from < 1 || to - from > 4) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** The address of a dotted quad in s[from, to) as an unsigned value, or -1. */
    private static long ipv4(String s, int from, int to) {
        long address = 0;
        int start = from;
        for (int part = 0; part < 4; part++) {
            int end = part == 3 ? to : s.indexOf('.', start);
            if (end < 0 || end > to) {
                return -1;
            }
            long octet = Decimals.parse(s, start, end, 3);
            if (octet < 0 || octet > 255 || (end - start > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            address = (address << 8) | octet;
            start = end + 1;
        }
        return address;
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("not an ip:port or [ipv6]:port literal: " + s);
    }
}
