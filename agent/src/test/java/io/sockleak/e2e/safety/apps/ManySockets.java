package io.sockleak.e2e.safety.apps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Many sockets in a small heap (issue 14). {@code hold N}: N loopback connections (2N sockets) held
 * open, then all closed. {@code closewait N}: N connections whose peers close while this process keeps
 * its accepted end: N CLOSE_WAIT leaks, opened 40 frames deep as in a framework. Prints the counts, and
 * the heap the JVM used, when done.
 */
public final class ManySockets {

    /** Frames above the accept: what makes each leak's stack, and so the report, large. */
    private static final int DEPTH = 40;
    /** Reachable until exit: a collected socket's Cleaner would close it before the shutdown report. */
    private static final List<Socket> KEPT = new ArrayList<>();

    private ManySockets() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<Socket> kept = KEPT;
        try (ServerSocket server = new ServerSocket(0, n + 50, loopback)) {
            boolean closeWait = args[0].equals("closewait");
            for (int i = 0; i < n; i++) {
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = deep(DEPTH, server);
                kept.add(accepted);
                if (closeWait) {
                    client.close();
                } else {
                    kept.add(client);
                }
            }
            if (closeWait) {
                for (Socket accepted : kept) {
                    accepted.getInputStream().read(); // end-of-stream: the peer closed
                }
            }
            System.out.println((closeWait ? "CLOSE_WAIT " : "HOLDING ") + kept.size());
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.println("HEAP-USED-MB " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
            if (!closeWait) {
                for (Socket s : kept) {
                    s.close();
                }
            }
        }
        System.out.println("DONE");
    }

    private static Socket deep(int frames, ServerSocket server) throws IOException {
        return frames == 0 ? server.accept() : deep(frames - 1, server);
    }
}
