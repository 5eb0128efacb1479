package io.sockleak.kernel;

/** Which rows of /proc/net/tcp* a parse keeps; asked before the row's objects are built. */
interface RowFilter {

    RowFilter ALL = new RowFilter() {
        @Override
        public boolean mayKeep(TcpState state, int localPort) {
            return true;
        }

        @Override
        public boolean keep(TcpState state, int localPort, long inode) {
            return true;
        }
    };

    /** False when no row in this state, on this local port, is kept: the rest of the line is not parsed. */
    boolean mayKeep(TcpState state, int localPort);

    /** Asked once the inode is parsed, for a row {@link #mayKeep} let through. */
    boolean keep(TcpState state, int localPort, long inode);

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
