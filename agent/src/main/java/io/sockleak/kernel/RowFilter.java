package io.sockleak.kernel;

/** Which rows of /proc/net/tcp* a parse keeps; asked before the row's objects are built. */
interface RowFilter {

    /** Every row. */
    RowFilter ALL = inStates(state -> true);

    /**
     * False when no row in this state is kept, whatever its ports: the line is dropped before its
     * addresses are read. {@code state} is null when it could not be read ahead; then true.
     */
    default boolean mayKeepState(TcpState state) {
        return true;
    }

    /** Told when a line was dropped by {@link #mayKeepState}, for counting (it has no side effect itself). */
    default void droppedByState() {
    }

    /** False when no row in this state, on this local port, is kept: the rest of the line is not parsed. */
    boolean mayKeep(TcpState state, int localPort);

    /** Asked once the inode is parsed, for a row {@link #mayKeep} let through. */
    boolean keep(TcpState state, int localPort, long inode);

    /** Every row but TIME_WAIT's, dropped before their addresses are read (or, through netlink, sent). */
    RowFilter ALL_BUT_TIME_WAIT = inStates(state -> state != TcpState.TIME_WAIT);

    /** Every row whose state {@code states} accepts (asked with null when the state was not read ahead). */
    static RowFilter inStates(java.util.function.Predicate<TcpState> states) {
        return new RowFilter() {
            @Override
            public boolean mayKeepState(TcpState state) {
                return states.test(state);
            }

            @Override
            public boolean mayKeep(TcpState state, int localPort) {
                return true;
            }

            @Override
            public boolean keep(TcpState state, int localPort, long inode) {
                return true;
            }
        };
    }

    /** Every row whose local port is {@code port}. */
    static RowFilter onLocalPort(int port) {
        return new RowFilter() {
            @Override
            public boolean mayKeep(TcpState state, int localPort) {
                return localPort == port;
            }

            @Override
            public boolean keep(TcpState state, int localPort, long inode) {
                return true;
            }
        };
    }
}
