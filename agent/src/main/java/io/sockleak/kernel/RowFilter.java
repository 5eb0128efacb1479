package io.sockleak.kernel;

/** Which rows of /proc/net/tcp* a parse keeps; asked before the row's objects are built. */
interface RowFilter {

    RowFilter ALL = new RowFilter() {
        @Override
        public boolean mayKeep(TcpState state) {
            return true;
        }

        @Override
        public boolean keep(TcpState state, long inode) {
            return true;
        }
    };

    /** False when no row in this state is kept, whatever its inode: the rest of the line is not parsed. */
    boolean mayKeep(TcpState state);

    boolean keep(TcpState state, long inode);
}
