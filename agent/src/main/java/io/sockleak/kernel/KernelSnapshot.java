package io.sockleak.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kernel showed at one moment.
 *
 * @param available      false when /proc could not be used; then {@code reason} says why
 * @param reason         "" when everything was read; otherwise one line naming what was not read
 *                       (also when {@code available}, e.g. a missing tcp6 because IPv6 is off)
 * @param rows           rows of /proc/net/tcp and then /proc/net/tcp6: this process's own and the
 *                       unowned ones that may wait in an accept queue ({@link KernelView}), or every
 *                       row on one port ({@link PortView})
 * @param socketInodeByFd fd -> inode for this process's sockets that matter ({@link SocketOwners}):
 *                       every tracked one, and untracked ones holding a LISTEN or CLOSE_WAIT socket;
 *                       every socket descriptor (of any family) when the snapshot listed the directory
 * @param openFds        the number of fds of this process, -1 if unknown or not asked for
 * @param fdLimit        the soft "Max open files" limit, {@link #FD_LIMIT_UNLIMITED} or
 *                       {@link #FD_LIMIT_UNKNOWN}
 * @param tableSource    where the rows came from: {@link #NETLINK} or {@link #PROC}; null when not available
 */
public record KernelSnapshot(
        boolean available,
        String reason,
        List<TcpRow> rows,
        Map<Integer, Long> socketInodeByFd,
        int openFds,
        long fdLimit,
        long takenAtMillis,
        String tableSource) {

    /** The rows came through netlink SOCK_DIAG, TIME_WAIT filtered out by the kernel (JDK 22+). */
    public static final String NETLINK = "netlink";
    /** The rows came from the text of /proc/net/tcp and tcp6. */
    public static final String PROC = "proc";

    public static final long FD_LIMIT_UNLIMITED = -1;
    public static final long FD_LIMIT_UNKNOWN = -2;

    public KernelSnapshot {
        reason = reason == null ? "" : reason;
        rows = rows == null ? List.of() : Collections.unmodifiableList(rows);
        socketInodeByFd = socketInodeByFd == null ? Map.of() : Collections.unmodifiableMap(socketInodeByFd);
    }

    public static KernelSnapshot unavailable(String reason) {
        return new KernelSnapshot(false, reason, List.of(), Map.of(), -1, FD_LIMIT_UNKNOWN, System.currentTimeMillis(),
                null);
    }

    /** Rows with a non-zero inode, built on each call. */
    public Map<Long, TcpRow> rowsByInode() {
        Map<Long, TcpRow> byInode = new HashMap<>(Math.max(16, rows.size() * 2));
        for (TcpRow row : rows) {
            if (row.inode() != 0) {
                byInode.put(row.inode(), row);
            }
        }
        return byInode;
    }

    /** For each socket inode held by this process, its fd; built on each call. */
    public Map<Long, Integer> fdByInode() {
        Map<Long, Integer> byInode = new HashMap<>(Math.max(16, socketInodeByFd.size() * 2));
        socketInodeByFd.forEach((fd, inode) -> byInode.put(inode, fd));
        return byInode;
    }

    /** Rows whose local port is {@code port}, in any state, including inode-0 rows. */
    public List<TcpRow> rowsOnPort(int port) {
        List<TcpRow> onPort = new ArrayList<>();
        for (TcpRow row : rows) {
            if (row.local().port() == port) {
                onPort.add(row);
            }
        }
        return onPort;
    }
}
