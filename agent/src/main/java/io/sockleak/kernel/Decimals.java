package io.sockleak.kernel;

/** Unsigned decimal numbers in /proc names and text, without exceptions or allocation. */
final class Decimals {

    private Decimals() {
    }

    /** The value of {@code s[from, to)}, or -1 unless it is 1 to {@code maxDigits} decimal digits. */
    static long parse(CharSequence s, int from, int to, int maxDigits) {
        if (to - from < 1 || to - from > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
