package io.sockleak.kernel;

import java.nio.charset.StandardCharsets;

/** Finds the soft "Max open files" limit in the bytes of /proc/[pid]/limits. */
final class ProcLimitsParser {

    private static final byte[] KEY = "Max open files".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNLIMITED = "unlimited".getBytes(StandardCharsets.US_ASCII);

    private ProcLimitsParser() {
    }

    /** The soft limit, {@link KernelSnapshot#FD_LIMIT_UNLIMITED} or {@link KernelSnapshot#FD_LIMIT_UNKNOWN}. */
    static long maxOpenFiles(byte[] content, int length) {
        int limit = Math.min(length, content.length);
        int lineStart = 0;
        while (lineStart < limit) {
            int lineEnd = lineStart;
            while (lineEnd < limit && content[lineEnd] != '\n') {
                lineEnd++;
            }
            if (startsWith(content, lineStart, lineEnd, KEY)) {
                return softLimit(content, lineStart + KEY.length, lineEnd);
            }
            lineStart = lineEnd + 1;
        }
        return KernelSnapshot.FD_LIMIT_UNKNOWN;
    }

    private static long softLimit(byte[] content, int from, int to) {
        int pos = from;
        if (pos >= to || content[pos] != ' ') {
            return KernelSnapshot.FD_LIMIT_UNKNOWN;
        }
        while (pos < to && content[pos] == ' ') {
            pos++;
        }
        if (startsWith(content, pos, to, UNLIMITED)) {
            return KernelSnapshot.FD_LIMIT_UNLIMITED;
        }
        long value = 0;
        int digits = 0;
        while (pos < to && content[pos] >= '0' && content[pos] <= '9' && digits < 19) {
            value = value * 10 + (content[pos++] - '0');
            digits++;
        }
        boolean endsToken = pos < to && content[pos] == ' ';
        return digits > 0 && endsToken ? value : KernelSnapshot.FD_LIMIT_UNKNOWN;
    }

    private static boolean startsWith(byte[] content, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
