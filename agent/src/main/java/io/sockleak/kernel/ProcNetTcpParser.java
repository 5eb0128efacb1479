package io.sockleak.kernel;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses the bytes of /proc/net/tcp or /proc/net/tcp6. Lines that do not parse (the header,
 * garbage, a last line cut short) are skipped; parsing never throws.
 */
public final class ProcNetTcpParser {

    // The kernel prints each 32-bit address word with %08X of a value in host byte order.
    private static final boolean LITTLE_ENDIAN_HOST = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ProcNetTcpParser() {
    }

    public static List<TcpRow> parse(byte[] content, boolean ipv6) {
        return content == null ? List.of() : parse(content, content.length, ipv6);
    }

    /** Parses content[0, length). */
    public static List<TcpRow> parse(byte[] content, int length, boolean ipv6) {
        if (content == null || length <= 0) {
            return List.of();
        }
        List<TcpRow> rows = new ArrayList<>(Math.max(16, Math.min(length, content.length) / (ipv6 ? 160 : 150)));
        parseInto(content, length, ipv6, rows);
        return Collections.unmodifiableList(rows);
    }

    static void parseInto(byte[] content, int length, boolean ipv6, List<TcpRow> rows) {
        parseInto(content, length, ipv6, RowFilter.ALL, rows);
    }

    /** Adds the rows of content[0, length) that {@code filter} keeps. */
    static void parseInto(byte[] content, int length, boolean ipv6, RowFilter filter, List<TcpRow> rows) {
        int limit = Math.min(length, content.length);
        Line line = new Line(content, ipv6, filter);
        int start = 0;
        while (start < limit) {
            int end = start;
            while (end < limit && content[end] != '\n') {
                end++;
            }
            TcpRow row = line.parse(start, end, end < limit);
            if (row != null) {
                rows.add(row);
            }
            start = end + 1;
        }
    }

    /**
     * Reads the fields of one line, left to right; any mismatch clears {@code ok}. Objects are built
     * only for the rows the filter keeps.
     */
    private static final class Line {
        private final byte[] buf;
        private final boolean ipv6;
        private final RowFilter filter;
        private int pos;
        private int end;
        private boolean terminated;
        private boolean ok;
        // the endpoint last read by endpoint()
        private long high;
        private long low;
        private int port;

        Line(byte[] buf, boolean ipv6, RowFilter filter) {
            this.buf = buf;
            this.ipv6 = ipv6;
            this.filter = filter;
        }

        TcpRow parse(int start, int lineEnd, boolean newlineTerminated) {
            pos = start;
            end = lineEnd;
            terminated = newlineTerminated;
            ok = true;

            skipSpaces();
            number(10, 10);
            expect(':');
            endOfToken();
            if (ok && !filter.mayKeepState(stateAhead())) {
                filter.droppedByState();
                return null; // a TIME_WAIT row, most of a busy table: its addresses are never read
            }
            skipSpaces();
            endpoint();
            long localHigh = high;
            long localLow = low;
            int localPort = port;
            skipSpaces();
            endpoint();
            skipSpaces();
            TcpState state = TcpState.ofCode((int) fixedHex(2));
            endOfToken();
            if (!ok || !filter.mayKeep(state, localPort)) {
                return null;
            }
            skipSpaces();
            long txQueue = number(16, 16);
            expect(':');
            long rxQueue = number(16, 16);
            endOfToken();
            skipSpaces();
            int timerActive = (int) number(16, 2);
            expect(':');
            long timerTicks = number(16, 16);
            endOfToken();
            skipSpaces();
            number(16, 16);
            endOfToken();
            skipSpaces();
            int uid = (int) number(10, 10);
            endOfToken();
            skipSpaces();
            number(10, 10);
            endOfToken();
            skipSpaces();
            long inode = number(10, 18);
            endOfToken();

            if (!ok || !filter.keep(state, localPort, inode)) {
                return null;
            }
            return new TcpRow(new Endpoint(localHigh, localLow, localPort), new Endpoint(high, low, port), state,
                    txQueue, rxQueue, timerActive, timerTicks, uid, inode, ipv6);
        }

        /**
         * The state column, read where the kernel's fixed layout puts it after the slot number's colon
         * ({@code " AAAAAAAA:PPPP AAAAAAAA:PPPP SS "}, 32 hex digits an address in tcp6); null when the
         * line does not have that shape here, and then the full parse decides.
         */
        private TcpState stateAhead() {
            int addressDigits = ipv6 ? 32 : 8;
            int at = pos + 2 * (addressDigits + 5) + 3;
            if (at + 2 >= end || buf[at - 1] != ' ' || buf[at + 2] != ' ' || buf[pos] != ' ') {
                return null;
            }
            int high = hexDigit(buf[at]);
            int low = hexDigit(buf[at + 1]);
            return high < 0 || low < 0 ? null : TcpState.ofCode(high << 4 | low);
        }

        /** Reads an address and port into {@link #high}, {@link #low} and {@link #port}. */
        private void endpoint() {
            if (ipv6) {
                high = ((long) word() << 32) | (word() & 0xFFFF_FFFFL);
                low = ((long) word() << 32) | (word() & 0xFFFF_FFFFL);
            } else {
                high = 0;
                low = 0x0000_FFFF_0000_0000L | (word() & 0xFFFF_FFFFL);
            }
            expect(':');
            port = (int) fixedHex(4);
            endOfToken();
        }

        /** One address word, returned in network byte order. */
        private int word() {
            int w = (int) fixedHex(8);
            return LITTLE_ENDIAN_HOST ? Integer.reverseBytes(w) : w;
        }

        private long fixedHex(int digits) {
            long v = 0;
            for (int i = 0; i < digits; i++) {
                int d = pos < end ? hexDigit(buf[pos]) : -1;
                if (d < 0) {
                    ok = false;
                    return 0;
                }
                v = (v << 4) | d;
                pos++;
            }
            return v;
        }

        /** 1..maxDigits digits in the radix (10 or 16). */
        private long number(int radix, int maxDigits) {
            long v = 0;
            int start = pos;
            while (pos < end) {
                int d = radix == 16 ? hexDigit(buf[pos]) : decDigit(buf[pos]);
                if (d < 0) {
                    break;
                }
                v = v * radix + d;
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || digits > maxDigits) {
                ok = false;
            }
            return v;
        }

        private void expect(char c) {
            if (pos < end && buf[pos] == c) {
                pos++;
            } else {
                ok = false;
            }
        }

        /** A field must be followed by a blank, or by the newline: at an unterminated end it may be cut short. */
        private void endOfToken() {
            if (pos < end ? !isBlank(buf[pos]) : !terminated) {
                ok = false;
            }
        }

        private void skipSpaces() {
            while (pos < end && isBlank(buf[pos])) {
                pos++;
            }
        }

        private static boolean isBlank(byte b) {
            return b == ' ' || b == '\t' || b == '\r';
        }

        private static int decDigit(byte b) {
            return b >= '0' && b <= '9' ? b - '0' : -1;
        }

        private static int hexDigit(byte b) {
            if (b >= '0' && b <= '9') {
                return b - '0';
            }
            if (b >= 'A' && b <= 'F') {
                return b - 'A' + 10;
            }
            if (b >= 'a' && b <= 'f') {
                return b - 'a' + 10;
            }
            return -1;
        }
    }
}
