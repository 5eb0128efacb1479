package io.sockleak.kernel;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * A child JVM's program (JDK 22+, {@code --add-exports java.base/jdk.internal.access=ALL-UNNAMED}, as
 * the agent has it): holds sockets in several states on one listener, then reads the rows of that
 * listener's port through /proc and through netlink and prints both, {@code PROC row} and
 * {@code NETLINK row} (timers left out: they run between the reads), then {@code SAME} or
 * {@code DIFFERENT}, and the source a KernelView of the real /proc chose: {@code SOURCE netlink}.
 */
public final class NetlinkVsProc {

    public static void main(String[] args) throws Throwable {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 50, loopback)) {
            int port = listener.getLocalPort();
            List<Socket> kept = new ArrayList<>();
            kept.add(new Socket(loopback, port)); // ESTABLISHED, both ends
            kept.add(listener.accept());
            Socket closeWait = new Socket(loopback, port); // CLOSE_WAIT here, FIN_WAIT2 at the server
            kept.add(closeWait);
            listener.accept().close();
            Socket unaccepted = new Socket(loopback, port);
            unaccepted.close(); // CLOSE_WAIT in the accept queue, inode 0
            RowFilter noTimeWait = RowFilter.ALL_BUT_TIME_WAIT;
            NetlinkTables netlink = NetlinkTables.open();
            TreeSet<String> proc = new TreeSet<>();
            TreeSet<String> viaNetlink = new TreeSet<>();
            for (int attempt = 0; attempt < 50; attempt++) { // until no state changes between the two reads
                proc.clear();
                viaNetlink.clear();
                List<TcpRow> rows = new ArrayList<>();
                TcpTables.read(new ProcFileReader(), Path.of("/proc"), noTimeWait, rows, new StringJoiner(";"));
                rows.stream().filter(r -> onPort(r, port)).map(NetlinkVsProc::describe).forEach(proc::add);
                netlink.rows(noTimeWait).stream().filter(r -> onPort(r, port)).map(NetlinkVsProc::describe)
                        .forEach(viaNetlink::add);
                if (proc.equals(viaNetlink) && proc.stream().anyMatch(r -> r.contains("CLOSE_WAIT"))) {
                    break;
                }
                Thread.sleep(100);
            }
            proc.forEach(r -> System.out.println("PROC " + r));
            viaNetlink.forEach(r -> System.out.println("NETLINK " + r));
            System.out.println(proc.equals(viaNetlink) ? "SAME" : "DIFFERENT");
            KernelView view = new KernelView(Path.of("/proc"));
            view.snapshot();
            System.out.println("SOURCE " + view.tableSource());
            for (Socket s : kept) {
                s.close();
            }
        }
    }

    private static boolean onPort(TcpRow row, int port) {
        return row.local().port() == port || row.remote().port() == port;
    }

    private static String describe(TcpRow r) {
        return r.local() + " " + r.remote() + " " + r.state() + " tx=" + r.txQueue() + " rx=" + r.rxQueue()
                + " uid=" + r.uid() + " inode=" + r.inode() + (r.ipv6() ? " v6" : " v4");
    }
}
