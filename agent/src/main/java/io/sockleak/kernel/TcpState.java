package io.sockleak.kernel;

/** TCP states as numbered in the kernel's {@code /proc/net/tcp} {@code st} column. */
public enum TcpState {
    ESTABLISHED,
    SYN_SENT,
    SYN_RECV,
    FIN_WAIT1,
    FIN_WAIT2,
    TIME_WAIT,
    CLOSE,
    CLOSE_WAIT,
    LAST_ACK,
    LISTEN,
    CLOSING,
    NEW_SYN_RECV,
    UNKNOWN;

    private static final TcpState[] BY_CODE = values();

    /** The state for a code 0x01..0x0C; any other code gives {@link #UNKNOWN}. */
    public static TcpState ofCode(int hexCode) {
        return hexCode >= 1 && hexCode <= 12 ? BY_CODE[hexCode - 1] : UNKNOWN;
    }

    /**
     * Whether a connection no process holds yet (inode 0) in this state can be waiting in a
     * listener's accept queue; TIME_WAIT and FIN_WAIT2 orphans, also inode 0, cannot.
     */
    public boolean canWaitInAcceptQueue() {
        return this == ESTABLISHED || this == SYN_RECV || this == NEW_SYN_RECV || this == CLOSE_WAIT;
    }

    /** The kernel's code, 0 for {@link #UNKNOWN}. */
    public int code() {
        return this == UNKNOWN ? 0 : ordinal() + 1;
    }
}
