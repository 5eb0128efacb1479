package io.sockleak.demo;

import static io.sockleak.demo.Net.LOOPBACK;
import static io.sockleak.demo.Net.say;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The Lisp/C seeds: restart a server on its fixed port right after it closed a connection first.
 *
 * <p>The side that closes first (active close) goes to TIME_WAIT for 60 s on Linux, and that
 * kernel-owned socket still holds the server's port. What this machine (Linux, loopback) shows:
 * <ol>
 *   <li>Listener with SO_REUSEADDR off (set before bind; Java turns it on by default): after the server
 *       closed first, a new bind of the port fails with "Address already in use", with SO_REUSEADDR off
 *       <em>and</em> with it on: the TIME_WAIT socket inherited "off" from its listener, and Linux
 *       shares the port only if both sockets set it.</li>
 *   <li>Listener with SO_REUSEADDR on (Java's default), same active close: a new bind with
 *       SO_REUSEADDR on works despite the TIME_WAIT.</li>
 * </ol>
 * Everything is closed at the end: TIME_WAIT is not a leak, it needs no fd and ends by itself.
 */
final class TimeWait implements Scenario {

    @Override
    public String name() {
        return "time-wait";
    }

    @Override
    public String description() {
        return "no leaks (TIME_WAIT is not a leak); 2 bind failures \"Address already in use\" on a port held by"
                + " TIME_WAIT, then SO_REUSEADDR binds";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());

        say("1) the seeds' server: SO_REUSEADDR off on the listener");
        int port = serveOneAndCloseFirst(false, result);
        tryBind(port, false, result);
        tryBind(port, true, result);
        say("   (on Linux the old socket must have had SO_REUSEADDR too: it was off, so both binds fail)");

        say("2) the cure: SO_REUSEADDR on, for the first listener and the restarted one (Java's default)");
        int port2 = serveOneAndCloseFirst(true, result);
        tryBind(port2, true, result);
        say("everything closed; the TIME_WAIT sockets belong to the kernel and expire after 60 s");
        return result;
    }

    /** Listens on an ephemeral port, serves one connection, closes it server-first; returns the port. */
    private static int serveOneAndCloseFirst(boolean reuseAddress, Result result) throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(reuseAddress); // before bind, or it has no effect
            listener.bind(new InetSocketAddress(LOOPBACK, 0), 50);
            port = listener.getLocalPort();
            result.listener(port);
            try (Socket client = new Socket(LOOPBACK, port)) {
                result.connected();
                int clientPort = client.getLocalPort();
                try (Socket conn = listener.accept()) {
                    conn.getOutputStream().write(Net.BYE);
                } // the server closes first: its end goes FIN_WAIT2 and then TIME_WAIT
                client.setSoTimeout(Net.READ_TIMEOUT_MS);
                Net.drain(client.getInputStream()); // EOF, then the client closes too
                client.close();
                boolean tw = ProcNetTcp.await(rows -> rows.stream()
                        .anyMatch(r -> r.is(ProcNetTcp.TIME_WAIT, port, clientPort)), 1_000);
                say("   listener 127.0.0.1:" + port + " (SO_REUSEADDR " + reuseAddress + ") served one connection"
                        + " and closed it first" + (tw ? ": that end is now in TIME_WAIT" : ""));
            }
        } // listener closed: only the TIME_WAIT end holds the port now
        return port;
    }

    private static void tryBind(int port, boolean reuseAddress, Result result) throws IOException {
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(reuseAddress);
            again.bind(new InetSocketAddress(LOOPBACK, port), 50);
            result.bind(port, reuseAddress, null);
            say("   new bind of 127.0.0.1:" + port + " with SO_REUSEADDR " + reuseAddress + ": OK");
        } catch (IOException e) {
            result.bind(port, reuseAddress, e.toString());
            say("   new bind of 127.0.0.1:" + port + " with SO_REUSEADDR " + reuseAddress + ": " + e);
        }
    }
}
