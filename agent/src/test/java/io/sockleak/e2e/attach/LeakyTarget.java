package io.sockleak.e2e.attach;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A JVM started without any agent, driven by lines on stdin, answering on stdout:
 * <pre>
 *   (start)        READY listener=PORT      a listener that never accepts, plus a peer that closes at once
 *   LEAK n         LEAKED port,port  FRAME f   n java.net.Sockets left in CLOSE_WAIT (never closed)
 *   LEAKNIO n      LEAKED port,...   FRAME f   the same with SocketChannels
 *   UNACCEPTED n   UNACCEPTED n             n connections to the listener, never accepted
 *   ECHO           ECHO ok                  a healthy connection: connect, accept, one byte each way, close
 *   THREADS        THREADS a|b|c            the names of all live threads
 *   EXIT           BYE                      exits 0
 * </pre>
 * FRAME is the stack frame of the line that opened the sockets, as a report shows it. Leaked sockets
 * stay referenced so they are never collected.
 */
public final class LeakyTarget {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<Object> KEPT = new ArrayList<>();
    private static ServerSocket listener;
    private static ServerSocket peer;

    private LeakyTarget() {
    }

    public static void main(String[] args) throws Exception {
        listener = new ServerSocket(0, 50, LOOPBACK);
        peer = new ServerSocket(0, 50, LOOPBACK);
        Thread closer = new Thread(LeakyTarget::closeWhatConnects, "peer-closer");
        closer.setDaemon(true);
        closer.start();
        System.out.println("READY listener=" + listener.getLocalPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            try {
                switch (words[0]) {
                    case "LEAK" -> leak(Integer.parseInt(words[1]), false);
                    case "LEAKNIO" -> leak(Integer.parseInt(words[1]), true);
                    case "UNACCEPTED" -> unaccepted(Integer.parseInt(words[1]));
                    case "ECHO" -> echo();
                    case "THREADS" -> threads();
                    case "EXIT" -> {
                        System.out.println("BYE");
                        System.exit(0);
                    }
                    default -> System.out.println("UNKNOWN " + line);
                }
            } catch (Exception e) {
                System.out.println("FAILED " + line + ": " + e);
            }
        }
    }

    private static void closeWhatConnects() {
        while (true) {
            try {
                peer.accept().close();
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void leak(int n, boolean nio) throws Exception {
        List<String> ports = new ArrayList<>();
        StackTraceElement frame = null;
        for (int i = 0; i < n; i++) {
            Opened opened = nio ? leakChannel() : leakSocket();
            ports.add(Integer.toString(opened.localPort));
            frame = opened.frame;
        }
        System.out.println("LEAKED " + String.join(",", ports) + " FRAME " + frame);
    }

    private record Opened(int localPort, StackTraceElement frame) {
    }

    private static Opened leakSocket() throws Exception {
        Socket s = new Socket(LOOPBACK, peer.getLocalPort()); StackTraceElement here = new Throwable().getStackTrace()[0];
        s.setSoTimeout(10_000);
        if (s.getInputStream().read() != -1) {
            throw new IllegalStateException("the peer sent data instead of closing");
        }
        KEPT.add(s); // in CLOSE_WAIT now: the peer closed, this side never will
        return new Opened(s.getLocalPort(), here);
    }

    private static Opened leakChannel() throws Exception {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(LOOPBACK, peer.getLocalPort())); StackTraceElement here = new Throwable().getStackTrace()[0];
        if (ch.read(ByteBuffer.allocate(1)) != -1) {
            throw new IllegalStateException("the peer sent data instead of closing");
        }
        KEPT.add(ch);
        return new Opened(((InetSocketAddress) ch.getLocalAddress()).getPort(), here);
    }

    private static void unaccepted(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            KEPT.add(new Socket(LOOPBACK, listener.getLocalPort()));
        }
        System.out.println("UNACCEPTED " + n);
    }

    private static void echo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
             Socket client = new Socket(LOOPBACK, server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(42);
            accepted.getOutputStream().write(accepted.getInputStream().read());
            int back = client.getInputStream().read();
            System.out.println(back == 42 ? "ECHO ok" : "ECHO wrong " + back);
        }
    }

    private static void threads() {
        TreeSet<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        System.out.println("THREADS " + String.join("|", names));
    }
}
