package io.sockleak.e2e.leaks.apps;

import io.sockleak.testing.AgentProbe;
import io.sockleak.testing.ProcSelf;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM programs that leak on purpose, one per argument, for the end-to-end tests. Each runs
 * briefly and exits; the agent's shutdown report must list exactly what it leaked.
 */
public final class LeakScenarios {

    /** Keeps leaked sockets reachable, so that they are leaks in CLOSE_WAIT and not collected ones. */
    private static final List<Object> KEEP = new ArrayList<>();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        for (String scenario : args) {
            switch (scenario) {
                case "socket-accepted" -> socketAccepted();
                case "socket-connected" -> socketConnected();
                case "channel-accepted" -> channelAccepted();
                case "channel-connected" -> channelConnected();
                case "channel-nonblocking-connected" -> channelNonBlockingConnected();
                case "adaptor-accepted" -> adaptorAccepted();
                case "async-accepted" -> asyncAccepted();
                case "async-connected" -> asyncConnected();
                case "unaccepted" -> unaccepted();
                case "collected" -> collected();
                case "closes" -> closesTheAgentMustSee();
                case "healthy" -> healthy();
                case "reused-fd" -> reusedDescriptors();
                default -> throw new IllegalArgumentException(scenario);
            }
        }
        System.out.println("DONE");
    }

    static void socketAccepted() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            for (int i = 0; i < 2; i++) {
                Socket client = new Socket(LOOPBACK, server.getLocalPort());
                Expect.siteOfNextLine("socket-accepted");
                Socket accepted = server.accept();
                KEEP.add(accepted);
                client.close();
                awaitEof(accepted.getInputStream());
            }
        }
    }

    static void socketConnected() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            for (int i = 0; i < 2; i++) {
                Expect.siteOfNextLine("socket-connected");
                Socket client = new Socket(LOOPBACK, server.getLocalPort());
                KEEP.add(client);
                server.accept().close();
                awaitEof(client.getInputStream());
            }
        }
    }

    static void channelAccepted() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            Expect.siteOfNextLine("channel-accepted");
            SocketChannel accepted = server.accept();
            KEEP.add(accepted);
            client.close();
            awaitEof(accepted);
        }
    }

    static void channelConnected() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            Expect.siteOfNextLine("channel-connected");
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            KEEP.add(client);
            server.accept().close();
            awaitEof(client);
        }
    }

    static void channelNonBlockingConnected() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             Selector selector = Selector.open()) {
            SocketChannel client = SocketChannel.open();
            client.configureBlocking(false);
            if (!client.connect(server.getLocalAddress())) {
                client.register(selector, SelectionKey.OP_CONNECT);
                selector.select(5000);
                Expect.siteOfNextLine("channel-nonblocking-connected");
                client.finishConnect();
            } else {
                System.out.println("EXPECT-SITE channel-nonblocking-connected immediate");
            }
            KEEP.add(client);
            server.accept().close();
            client.keyFor(selector).cancel();
            selector.selectNow();
            client.configureBlocking(true);
            awaitEof(client);
        }
    }

    static void adaptorAccepted() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            ServerSocket adaptor = server.socket();
            adaptor.setSoTimeout(5000);
            Socket client = new Socket(LOOPBACK, adaptor.getLocalPort());
            Expect.siteOfNextLine("adaptor-accepted");
            Socket accepted = adaptor.accept();
            KEEP.add(accepted);
            client.close();
            awaitEof(accepted.getInputStream());
        }
    }

    static void asyncAccepted() throws Exception {
        try (AsynchronousServerSocketChannel server =
                     AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            Future<AsynchronousSocketChannel> pending = server.accept();
            Socket client = new Socket(LOOPBACK, ((InetSocketAddress) server.getLocalAddress()).getPort());
            AsynchronousSocketChannel accepted = pending.get(5, TimeUnit.SECONDS);
            KEEP.add(accepted);
            client.close();
            ByteBuffer buffer = ByteBuffer.allocate(16);
            while (accepted.read(buffer).get(5, TimeUnit.SECONDS) >= 0) {
                buffer.clear();
            }
        }
    }

    static void asyncConnected() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            AsynchronousSocketChannel client = AsynchronousSocketChannel.open();
            Expect.siteOfNextLine("async-connected");
            client.connect(server.getLocalSocketAddress()).get(5, TimeUnit.SECONDS);
            KEEP.add(client);
            server.accept().close();
            ByteBuffer buffer = ByteBuffer.allocate(16);
            while (client.read(buffer).get(5, TimeUnit.SECONDS) >= 0) {
                buffer.clear();
            }
        }
    }

    /**
     * A listener whose accept loop is stuck: 3 clients connect, write and close; they sit in the
     * accept queue in CLOSE_WAIT. Healthy connections accepted and closed earlier on the same port
     * leave TIME_WAIT and FIN_WAIT2 orphans that must not count.
     */
    static void unaccepted() throws IOException {
        Expect.siteOfNextLine("unaccepted-listener");
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        KEEP.add(server);
        for (int i = 0; i < 2; i++) {
            try (Socket client = new Socket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
                accepted.close();
                awaitEof(client.getInputStream());
            }
        }
        try (Socket client = new Socket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
            client.close();
            awaitEof(accepted.getInputStream());
        }
        for (int i = 0; i < 3; i++) {
            try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
                client.getOutputStream().write("hello".getBytes());
            }
        }
        System.out.println("EXPECT-LISTENER-PORT " + server.getLocalPort());
    }

    /**
     * Sockets dropped without close: 2 java.net sockets and 1 NIO channel. They write nothing: the
     * server closes without reading, and unread data would turn its FIN into a reset.
     */
    static void collected() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            for (int i = 0; i < 2; i++) {
                dropSocket(server.getLocalPort());
                server.accept().close();
            }
            dropChannel(server.getLocalPort());
            server.accept().close();
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static void dropSocket(int port) throws IOException {
        Expect.siteOfNextLine("collected-socket");
        new Socket(LOOPBACK, port);
    }

    private static void dropChannel(int port) throws IOException {
        Expect.siteOfNextLine("collected-channel");
        SocketChannel.open(new InetSocketAddress(LOOPBACK, port));
    }

    /**
     * Closes that do not go through close() on the calling thread: interrupt of a blocked channel,
     * a channel closed while registered with a selector, a Socket closed while another thread reads.
     * None of them may be reported.
     */
    static void closesTheAgentMustSee() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            SocketChannel interrupted = SocketChannel.open(server.getLocalAddress());
            SocketChannel peer1 = server.accept();
            CountDownLatch reading = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                reading.countDown();
                try {
                    interrupted.read(ByteBuffer.allocate(1));
                } catch (ClosedByInterruptException expected) {
                    // the channel is closed by the interrupt
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            reading.await();
            while (reader.getState() != Thread.State.RUNNABLE) {
                Thread.onSpinWait();
            }
            Thread.sleep(50);
            reader.interrupt();
            reader.join();
            check(!interrupted.isOpen(), "interrupt closed the channel");
            peer1.close();

            SocketChannel registered = SocketChannel.open(server.getLocalAddress());
            SocketChannel peer2 = server.accept();
            try (Selector selector = Selector.open()) {
                registered.configureBlocking(false);
                registered.register(selector, SelectionKey.OP_READ);
                registered.close();
                selector.selectNow();
            }
            peer2.close();
        }
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            Socket blocked = new Socket(LOOPBACK, server.getLocalPort());
            Socket peer = server.accept();
            Thread reader = new Thread(() -> {
                try {
                    blocked.getInputStream().read();
                } catch (IOException expected) {
                    // "Socket closed"
                }
            });
            reader.start();
            while (reader.getState() != Thread.State.RUNNABLE) {
                Thread.onSpinWait();
            }
            Thread.sleep(50);
            blocked.close();
            reader.join();
            peer.close();
        }
    }

    static void healthy() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            for (int i = 0; i < 5; i++) {
                try (Socket client = new Socket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
                    client.getOutputStream().write(1);
                    check(accepted.getInputStream().read() == 1, "echo");
                }
            }
        }
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < 5; i++) {
                try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                     SocketChannel accepted = server.accept()) {
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    accepted.write(ByteBuffer.wrap(new byte[] {2}));
                }
            }
        }
        try (AsynchronousServerSocketChannel server =
                     AsynchronousServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            Future<AsynchronousSocketChannel> pending = server.accept();
            try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
                client.connect(server.getLocalAddress()).get(5, TimeUnit.SECONDS);
                pending.get(5, TimeUnit.SECONDS).close();
            }
        } catch (AsynchronousCloseException ignored) {
            // nothing pending
        }
    }

    /**
     * Sockets whose inodes the agent has remembered are closed, and their descriptor numbers are taken
     * by new client sockets that then leak in CLOSE_WAIT: the leaks must be the new sockets, with their
     * stack. Prints {@code REUSED-FD n} for each number reused.
     */
    static void reusedDescriptors() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            List<Socket> first = new ArrayList<>();
            Set<Integer> used = openSockets();
            for (int i = 0; i < 5; i++) {
                first.add(new Socket(LOOPBACK, server.getLocalPort()));
                first.add(server.accept());
            }
            used = added(used);
            AgentProbe.diagnose(); // the agent reads their links and remembers their inodes
            for (Socket s : first) {
                s.close();
            }
            Set<Integer> reused = openSockets();
            for (int i = 0; i < 5; i++) {
                Expect.siteOfNextLine("reused-fd");
                Socket second = new Socket(LOOPBACK, server.getLocalPort());
                KEEP.add(second);
                server.accept().close();
                awaitEof(second.getInputStream());
            }
            reused = added(reused);
            reused.retainAll(used);
            check(!reused.isEmpty(), "a descriptor number reused");
            reused.forEach(fd -> System.out.println("REUSED-FD " + fd));
        }
    }

    /** The socket descriptors open now that were not in {@code before}. */
    private static Set<Integer> added(Set<Integer> before) throws IOException {
        Set<Integer> now = openSockets();
        now.removeAll(before);
        return now;
    }

    /** The descriptors of this process that are sockets (other threads open and close files meanwhile). */
    private static Set<Integer> openSockets() throws IOException {
        return new java.util.HashSet<>(ProcSelf.socketInodeByFd().keySet());
    }

    private static void awaitEof(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // drain until the peer's FIN: this side is now in CLOSE_WAIT
        }
    }

    private static void awaitEof(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        while (channel.read(buffer) >= 0) {
            buffer.clear();
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("scenario broken: " + what);
        }
    }
}
