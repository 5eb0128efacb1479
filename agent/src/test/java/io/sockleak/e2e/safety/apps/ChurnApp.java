package io.sockleak.e2e.safety.apps;

import io.sockleak.testing.AgentProbe;
import io.sockleak.testing.ProcSelf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load: {@code pairs} connections held open (both ends: java.net sockets and NIO channels) while
 * {@code churners} threads connect, get accepted and close as fast as they can for {@code millis}.
 * Then it asks the agent (if one runs) how many sockets it tracks and for a report, measures the heap
 * after GC, closes everything and asks again. Prints one {@code KEY value} line per figure.
 * Arguments: pairs churners millis.
 */
public final class ChurnApp {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int CHURN_ACCEPTORS = 8;

    private ChurnApp() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = Integer.parseInt(args[0]);
        int churners = Integer.parseInt(args[1]);
        long millis = Long.parseLong(args[2]);
        boolean agent = AgentProbe.agent() != null;

        long start = System.nanoTime();
        List<AutoCloseable> held = new ArrayList<>(pairs * 2 + 1);
        ServerSocket listener = new ServerSocket(0, 4096, LOOPBACK);
        held.add(listener);
        Thread acceptor = new Thread(() -> {
            try {
                for (int i = 0; i < pairs; i++) {
                    Socket accepted = listener.accept();
                    synchronized (held) {
                        held.add(accepted);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "held-acceptor");
        acceptor.start();
        InetSocketAddress target = new InetSocketAddress(LOOPBACK, listener.getLocalPort());
        for (int i = 0; i < pairs; i++) {
            AutoCloseable client = i % 2 == 0 ? new Socket(LOOPBACK, listener.getLocalPort()) : SocketChannel.open(target);
            synchronized (held) {
                held.add(client);
            }
        }
        acceptor.join();
        System.out.println("OPENED " + held.size() + " in " + millisSince(start) + " ms");

        Churn churn = new Churn(churners, millis);
        churn.run();
        System.out.println("CHURNED " + churn.connections.get() + " connections by " + churners + " threads in "
                + churn.tookMillis + " ms, failures " + churn.failures.get() + " first " + churn.firstFailure.get());

        int expected = held.size();
        System.out.println("EXPECTED " + expected);
        System.out.println("KERNEL " + ProcSelf.tcpSocketCount());
        if (agent) {
            System.out.println("LIVE " + AgentProbe.liveCount());
            long dumpStart = System.nanoTime();
            String report = AgentProbe.dump();
            System.out.println("REPORT " + report + " in " + millisSince(dumpStart) + " ms");
        }
        System.out.println("HEAP " + heapAfterGc());

        for (AutoCloseable c : held) {
            c.close();
        }
        System.out.println("KERNEL-AFTER-CLOSE " + ProcSelf.tcpSocketCount());
        if (agent) {
            System.out.println("LIVE-AFTER-CLOSE " + AgentProbe.liveCount());
        }
        System.out.println("TOTAL " + millisSince(start) + " ms");
    }

    /** Connect, accepted and closed by the server first (so TIME_WAIT stays on its side), EOF, close. */
    private static final class Churn {
        final AtomicLong connections = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>("none");
        private final int churners;
        private final long millis;
        long tookMillis;

        Churn(int churners, long millis) {
            this.churners = churners;
            this.millis = millis;
        }

        void run() throws Exception {
            ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0), 4096);
            List<Thread> acceptors = new ArrayList<>();
            for (int i = 0; i < CHURN_ACCEPTORS; i++) {
                acceptors.add(start("churn-acceptor-" + i, () -> {
                    while (true) {
                        try {
                            SocketChannel accepted = server.accept();
                            if (i(accepted.hashCode()) % 2 == 0) {
                                accepted.close();
                            } else {
                                accepted.socket().close();
                            }
                        } catch (ClosedChannelException stopped) {
                            return;
                        } catch (IOException e) {
                            fail(e);
                        }
                    }
                }));
            }
            long start = System.nanoTime();
            long deadline = start + millis * 1_000_000;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < churners; t++) {
                boolean nio = t % 2 == 1;
                threads.add(start("churner-" + t, () -> {
                    InetSocketAddress address = (InetSocketAddress) local(server);
                    while (System.nanoTime() < deadline) {
                        try {
                            if (nio) {
                                try (SocketChannel c = SocketChannel.open(address)) {
                                    c.read(ByteBuffer.allocate(1));
                                }
                            } else {
                                try (Socket s = new Socket(address.getAddress(), address.getPort())) {
                                    s.getInputStream().read();
                                }
                            }
                            connections.incrementAndGet();
                        } catch (IOException e) {
                            fail(e);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            tookMillis = millisSince(start);
            server.close();
            for (Thread t : acceptors) {
                t.join();
            }
        }

        private static int i(int hash) {
            return hash & 0x7fffffff;
        }

        private void fail(IOException e) {
            failures.incrementAndGet();
            firstFailure.compareAndSet("none", e.toString());
        }

        private static Object local(ServerSocketChannel server) {
            try {
                return server.getLocalAddress();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Thread start(String name, Runnable body) {
            Thread t = new Thread(body, name);
            t.start();
            return t;
        }
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
