package io.sockleak.kernel;

/**
 * One row of /proc/net/tcp or tcp6. {@code inode} is 0 for sockets no process holds: TIME_WAIT and
 * orphaned FIN_WAIT2 rows, and connections still waiting in a listener's accept queue. Those short
 * TIME_WAIT/FIN_WAIT2 rows also report uid 0 whoever owned the socket. {@code uid} holds the
 * unsigned kernel uid in an int. For a LISTEN row {@code rxQueue} is the accept-queue length.
 */
public record TcpRow(
        Endpoint local,
        Endpoint remote,
        TcpState state,
        long txQueue,
        long rxQueue,
        int timerActive,
        long timerTicks,
        int uid,
        long inode,
        boolean ipv6) {

    /** What makes a row one connection: its two addresses, per family. A queued connection has no inode yet. */
    public record Connection(boolean ipv6, Endpoint local, Endpoint remote) {
    }

    public Connection connection() {
        return new Connection(ipv6, local, remote);
    }
}
