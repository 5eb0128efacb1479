package io.sockleak.e2e.safety.apps;

import io.sockleak.testing.AgentProbe;
import io.sockleak.testing.ProcSelf;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gives the agent work (a connection, a failed bind it explains, an on-demand report if an agent
 * runs), closes all of its own sockets, then prints what of the process is left: its socket
 * descriptors (of any family: the JVM itself may hold a UNIX one), how many of them are TCP and how
 * many listen, and every live thread with its daemon flag.
 */
public final class QuietApp {

    private QuietApp() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept();
             ServerSocket second = new ServerSocket()) {
            client.getOutputStream().write(1);
            accepted.getInputStream().read();
            try {
                second.bind(server.getLocalSocketAddress());
            } catch (BindException expected) {
                System.out.println("bind failed as expected");
            }
        }
        if (AgentProbe.agent() != null) {
            System.out.println("report " + (AgentProbe.dump().equals("null") ? "not written" : "written"));
        }
        Set<Long> inodes = new HashSet<>(ProcSelf.socketInodeByFd().values());
        System.out.println("SOCKETS " + inodes.size());
        System.out.println("TCP " + tcp(inodes, false));
        System.out.println("LISTENING " + tcp(inodes, true));
        Set<String> threads = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            threads.add(t.getName() + " daemon=" + t.isDaemon());
        }
        threads.forEach(t -> System.out.println("THREAD " + t));
    }

    /** Rows of /proc/net/tcp and tcp6 whose inode is one of ours (in LISTEN, state 0A, only if asked). */
    private static int tcp(Set<Long> ours, boolean listeningOnly) throws IOException {
        return ProcSelf.countTcpRows(f -> (!listeningOnly || f[3].equals("0A")) && ours.contains(Long.parseLong(f[9])));
    }
}
