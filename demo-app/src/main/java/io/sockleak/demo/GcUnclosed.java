package io.sockleak.demo;

import static io.sockleak.demo.Net.LOOPBACK;
import static io.sockleak.demo.Net.say;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that read the server's answer to EOF and then drop the socket without closing it. The server
 * side is correct (it closes every connection it accepts); only the dropped client objects leak.
 *
 * <p>After GC: a {@code java.net.Socket} has a Cleaner, which closes its fd some time after the
 * collection (until then it sat in CLOSE_WAIT); a {@code SocketChannel} has none, so its fd stays
 * open in CLOSE_WAIT until the process exits, with no object left to close it.
 */
final class GcUnclosed implements Scenario {

    static final int SOCKETS = 3;
    static final int CHANNELS = 2;

    @Override
    public String name() {
        return "gc-unclosed";
    }

    @Override
    public String description() {
        return (SOCKETS + CHANNELS) + " COLLECTED_OPEN leaks: " + SOCKETS + " api socket (fd then closed by the"
                + " Cleaner), " + CHANNELS + " api channel (fd still open in CLOSE_WAIT at exit), origin connected";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        List<WeakReference<Object>> dropped = new ArrayList<>();
        List<Result.Leak> socketLeaks = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
            result.listener(listener.getLocalPort());
            say("listening on 127.0.0.1:" + listener.getLocalPort() + " (the server closes every connection)");
            for (int i = 0; i < SOCKETS; i++) {
                socketLeaks.add(openAndDropSocket(listener, dropped, result));
            }
            for (int i = 0; i < CHANNELS; i++) {
                openAndDropChannel(listener, dropped, result);
            }
        }
        say("dropped " + SOCKETS + " Sockets and " + CHANNELS + " SocketChannels without close(); calling System.gc()");

        int gcs = 0;
        while (dropped.stream().anyMatch(r -> r.get() != null) && gcs < 20) {
            System.gc();
            gcs++;
            Thread.sleep(20);
        }
        long alive = dropped.stream().filter(r -> r.get() != null).count();
        if (alive == 0) {
            say("all " + dropped.size() + " collected after " + gcs + " System.gc() call(s)");
        } else {
            say(alive + " of " + dropped.size() + " still reachable after " + gcs + " System.gc() calls (held by someone else?)");
        }

        // The Cleaner closes the java.net fds on its own thread shortly after the collection.
        boolean cleaned = ProcNetTcp.await(rows -> socketLeaks.stream().noneMatch(l -> rows.stream()
                .anyMatch(r -> r.is(ProcNetTcp.CLOSE_WAIT, l.localPort(), l.remotePort()))), 1_000);
        if (cleaned) {
            say("the " + SOCKETS + " Sockets' fds were closed by the Cleaner; the " + CHANNELS
                    + " channels' fds stay open in CLOSE_WAIT until exit");
        }
        return result;
    }

    private static Result.Leak openAndDropSocket(ServerSocket listener, List<WeakReference<Object>> dropped,
                                                 Result result) throws IOException {
        int port = listener.getLocalPort();
        Socket client = new Socket(LOOPBACK, port); // LEAK: connected, dropped without close()
        result.connected();
        serveAndClose(listener);
        client.setSoTimeout(Net.READ_TIMEOUT_MS);
        int n = Net.drain(client.getInputStream()); // EOF: the server closed, the client is in CLOSE_WAIT
        result.leak(Result.CONNECTED, Result.SOCKET, client.getLocalPort(), port);
        say("Socket from port " + client.getLocalPort() + " read " + n + " bytes then EOF; dropping it");
        dropped.add(new WeakReference<>(client));
        return result.leaks().get(result.leaks().size() - 1);
    }

    private static void openAndDropChannel(ServerSocket listener, List<WeakReference<Object>> dropped,
                                           Result result) throws IOException {
        int port = listener.getLocalPort();
        SocketChannel client = SocketChannel.open(new InetSocketAddress(LOOPBACK, port)); // LEAK: connected, dropped
        result.connected();
        serveAndClose(listener);
        int n = Net.drain(client); // EOF: the server closed, the client is in CLOSE_WAIT
        int localPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
        result.leak(Result.CONNECTED, Result.CHANNEL, localPort, port);
        say("SocketChannel from port " + localPort + " read " + n + " bytes then EOF; dropping it");
        dropped.add(new WeakReference<>(client));
    }

    /** The correct server: accept, answer, close. */
    private static void serveAndClose(ServerSocket listener) throws IOException {
        try (Socket conn = listener.accept()) {
            conn.getOutputStream().write(Net.BYE);
        }
    }
}
