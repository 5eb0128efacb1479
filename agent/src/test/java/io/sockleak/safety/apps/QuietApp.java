package io.sockleak.safety.apps;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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
        Set<Long> inodes = socketInodes();
        System.out.println("SOCKETS " + inodes.size());
        System.out.println("TCP " + tcp(inodes, false));
        System.out.println("LISTENING " + tcp(inodes, true));
        Set<String> threads = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            threads.add(t.getName() + " daemon=" + t.isDaemon());
        }
        threads.forEach(t -> System.out.println("THREAD " + t));
    }

    private static Set<Long> socketInodes() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException gone) {
                    // the listing's own descriptor
                }
            }
        }
        return inodes;
    }

    /** Rows of /proc/net/tcp and tcp6 whose inode is one of ours (in LISTEN, state 0A, only if asked). */
    private static int tcp(Set<Long> ours, boolean listeningOnly) throws IOException {
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> rows = Files.readAllLines(file);
            for (String line : rows.subList(1, rows.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && (!listeningOnly || f[3].equals("0A")) && ours.contains(Long.parseLong(f[9]))) {
                    count++;
                }
            }
        }
        return count;
    }
}
