package io.sockleak.e2e.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * Socket behaviours applications rely on, one canonical line each: exception class, message and the
 * JDK method that threw, return values, states; never ports, addresses of ephemeral ends or timings.
 * {@link SemanticsIT} runs this with and without the agent and requires the same output.
 * Loopback only; every blocking call has a timeout or a second thread that ends it.
 */
public final class SocketSemantics {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int SHORT_MILLIS = 200;
    private static final long GUARD_MILLIS = 10_000;

    private SocketSemantics() {
    }

    interface Case {
        String run() throws Exception;
    }

    public static void main(String[] args) {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("connect-refused", SocketSemantics::connectRefused);
        cases.put("connect-refused-channel", SocketSemantics::connectRefusedChannel);
        cases.put("connect-refused-async", SocketSemantics::connectRefusedAsync);
        cases.put("connect-unresolved", SocketSemantics::connectUnresolved);
        cases.put("connect-unresolved-channel", SocketSemantics::connectUnresolvedChannel);
        cases.put("connect-timeout", () -> connectTimeout(false));
        cases.put("connect-timeout-adaptor", () -> connectTimeout(true));
        cases.put("read-timeout", SocketSemantics::readTimeout);
        cases.put("read-timeout-adaptor", SocketSemantics::readTimeoutAdaptor);
        cases.put("accept-timeout", SocketSemantics::acceptTimeout);
        cases.put("accept-timeout-adaptor", SocketSemantics::acceptTimeoutAdaptor);
        cases.put("read-eof", SocketSemantics::readEof);
        cases.put("connection-reset", SocketSemantics::connectionReset);
        cases.put("half-close-output", SocketSemantics::halfCloseOutput);
        cases.put("half-close-input", SocketSemantics::halfCloseInput);
        cases.put("half-close-channel", SocketSemantics::halfCloseChannel);
        cases.put("closed-socket-calls", SocketSemantics::closedSocketCalls);
        cases.put("streams-after-close", SocketSemantics::streamsAfterClose);
        cases.put("channel-after-close", SocketSemantics::channelAfterClose);
        cases.put("accept-on-closed-server-socket", SocketSemantics::acceptOnClosedServerSocket);
        cases.put("accept-on-closed-server-channel", SocketSemantics::acceptOnClosedServerChannel);
        cases.put("close-while-reading", SocketSemantics::closeWhileReading);
        cases.put("close-while-accepting", SocketSemantics::closeWhileAccepting);
        cases.put("close-while-reading-channel", SocketSemantics::closeWhileReadingChannel);
        cases.put("interrupt-channel-read", SocketSemantics::interruptChannelRead);
        cases.put("interrupt-socket-read", SocketSemantics::interruptSocketRead);
        cases.put("interrupted-before-channel-connect", SocketSemantics::interruptedBeforeChannelConnect);
        cases.put("bind-in-use", SocketSemantics::bindInUse);
        cases.put("bind-in-use-channel", SocketSemantics::bindInUseChannel);
        cases.put("bind-in-use-async", SocketSemantics::bindInUseAsync);
        cases.put("bind-in-use-interrupted", SocketSemantics::bindInUseInterrupted);
        cases.put("socket-state-and-defaults", SocketSemantics::socketStateAndDefaults);
        cases.put("nonblocking-connect-and-echo", SocketSemantics::nonblockingConnectAndEcho);
        cases.put("selector-accept", SocketSemantics::selectorAccept);
        cases.put("async-echo", SocketSemantics::asyncEcho);
        cases.put("async-read-timeout", SocketSemantics::asyncReadTimeout);
        cases.put("async-close-pending-read", SocketSemantics::asyncClosePendingRead);
        cases.put("bulk-transfer", SocketSemantics::bulkTransfer);
        cases.put("virtual-echo", () -> onVirtualThread(SocketSemantics::echoOnce));
        cases.put("virtual-read-timeout", () -> onVirtualThread(SocketSemantics::readTimeout));
        cases.put("virtual-interrupt-read", SocketSemantics::virtualInterruptRead);
        cases.put("virtual-many", SocketSemantics::virtualMany);
        for (Map.Entry<String, Case> c : cases.entrySet()) {
            String outcome;
            try {
                outcome = c.getValue().run();
            } catch (Throwable t) {
                outcome = "UNEXPECTED " + describe(t);
            }
            System.out.println(c.getKey() + ": " + outcome);
        }
        System.out.println("DONE " + cases.size());
    }

    // ---- connect --------------------------------------------------------------------------------

    static String connectRefused() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(closedAddress(), 2000);
            return "connected?";
        } catch (IOException e) {
            return describe(e);
        }
    }

    static String connectRefusedChannel() throws IOException {
        try (SocketChannel c = SocketChannel.open(closedAddress())) {
            return "connected?";
        } catch (IOException e) {
            return describe(e);
        }
    }

    static String connectRefusedAsync() throws Exception {
        AsynchronousSocketChannel c = AsynchronousSocketChannel.open();
        try {
            c.connect(closedAddress()).get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
            return "connected?";
        } catch (ExecutionException e) {
            return describe(e.getCause()) + "; open=" + c.isOpen();
        } finally {
            c.close();
        }
    }

    static String connectUnresolved() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(InetSocketAddress.createUnresolved("sockleak.invalid", 80), 2000);
            return "connected?";
        } catch (IOException e) {
            return describe(e) + "; closed=" + s.isClosed();
        } finally {
            s.close();
        }
    }

    static String connectUnresolvedChannel() throws IOException {
        try (SocketChannel c = SocketChannel.open()) {
            try {
                c.connect(InetSocketAddress.createUnresolved("sockleak.invalid", 80));
                return "connected?";
            } catch (RuntimeException | IOException e) {
                return describe(e) + "; open=" + c.isOpen();
            }
        }
    }

    /** A listener with backlog 1 that never accepts: once its queue is full the kernel drops SYNs. */
    static String connectTimeout(boolean adaptor) throws IOException {
        List<Socket> fill = new ArrayList<>();
        List<SocketChannel> channels = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            for (int i = 0; i < 20; i++) {
                Socket s;
                if (adaptor) {
                    SocketChannel c = SocketChannel.open();
                    channels.add(c);
                    s = c.socket();
                } else {
                    s = new Socket();
                    fill.add(s);
                }
                try {
                    s.connect(server.getLocalAddress(), SHORT_MILLIS);
                } catch (SocketTimeoutException e) {
                    return describe(e) + "; closed=" + s.isClosed();
                }
            }
            return "never timed out";
        } finally {
            for (Socket s : fill) {
                s.close();
            }
            for (SocketChannel c : channels) {
                c.close();
            }
        }
    }

    // ---- timeouts -------------------------------------------------------------------------------

    static String readTimeout() throws IOException {
        try (Pair p = Pair.open()) {
            p.client.setSoTimeout(SHORT_MILLIS);
            String timeout;
            try {
                p.client.getInputStream().read();
                timeout = "read returned";
            } catch (SocketTimeoutException e) {
                timeout = describe(e);
            }
            p.server.getOutputStream().write('A');
            return timeout + "; then read " + p.client.getInputStream().read() + "; closed=" + p.client.isClosed();
        }
    }

    static String readTimeoutAdaptor() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            Socket adaptor = client.socket();
            adaptor.setSoTimeout(SHORT_MILLIS);
            try {
                adaptor.getInputStream().read();
                return "read returned";
            } catch (SocketTimeoutException e) {
                return describe(e) + "; open=" + client.isOpen();
            }
        }
    }

    static String acceptTimeout() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            server.setSoTimeout(SHORT_MILLIS);
            String timeout;
            try {
                server.accept().close();
                timeout = "accepted?";
            } catch (SocketTimeoutException e) {
                timeout = describe(e);
            }
            try (Socket c = new Socket(LOOPBACK, server.getLocalPort()); Socket a = server.accept()) {
                return timeout + "; then accepted connected=" + a.isConnected();
            }
        }
    }

    static String acceptTimeoutAdaptor() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            server.socket().setSoTimeout(SHORT_MILLIS);
            try {
                server.socket().accept().close();
                return "accepted?";
            } catch (SocketTimeoutException e) {
                return describe(e) + "; open=" + server.isOpen();
            }
        }
    }

    // ---- closes by the peer ---------------------------------------------------------------------

    static String readEof() throws IOException {
        try (Pair p = Pair.open()) {
            p.server.close();
            InputStream in = p.client.getInputStream();
            return "read " + in.read() + ", again " + in.read() + "; connected=" + p.client.isConnected()
                    + " closed=" + p.client.isClosed();
        }
    }

    static String connectionReset() throws IOException {
        try (Pair p = Pair.open()) {
            p.server.setSoLinger(true, 0);
            p.server.close();
            try {
                p.client.getInputStream().read();
                return "read returned";
            } catch (IOException e) {
                return describe(e);
            }
        }
    }

    // ---- half-close -----------------------------------------------------------------------------

    static String halfCloseOutput() throws IOException {
        try (Pair p = Pair.open()) {
            OutputStream out = p.client.getOutputStream();
            p.client.shutdownOutput();
            int serverRead = p.server.getInputStream().read();
            p.server.getOutputStream().write('X');
            int clientRead = p.client.getInputStream().read();
            String write;
            try {
                out.write('Z');
                write = "write ok";
            } catch (IOException e) {
                write = describe(e);
            }
            String stream;
            try {
                p.client.getOutputStream();
                stream = "stream ok";
            } catch (IOException e) {
                stream = describe(e);
            }
            return "peer read " + serverRead + ", client read " + clientRead + ", outputShutdown="
                    + p.client.isOutputShutdown() + " inputShutdown=" + p.client.isInputShutdown() + "; " + write
                    + "; " + stream;
        }
    }

    static String halfCloseInput() throws IOException {
        try (Pair p = Pair.open()) {
            InputStream in = p.client.getInputStream();
            p.client.shutdownInput();
            int read = in.read();
            p.client.getOutputStream().write('Y');
            int peer = p.server.getInputStream().read();
            String stream;
            try {
                p.client.getInputStream();
                stream = "stream ok";
            } catch (IOException e) {
                stream = describe(e);
            }
            return "read " + read + ", peer read " + peer + ", inputShutdown=" + p.client.isInputShutdown() + "; "
                    + stream;
        }
    }

    static String halfCloseChannel() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            client.shutdownOutput();
            int peer = accepted.read(ByteBuffer.allocate(4));
            accepted.write(ByteBuffer.wrap(new byte[] {'Q'}));
            ByteBuffer in = ByteBuffer.allocate(4);
            int read = client.read(in);
            String write;
            try {
                client.write(ByteBuffer.wrap(new byte[] {1}));
                write = "write ok";
            } catch (IOException e) {
                write = describe(e);
            }
            return "peer read " + peer + ", client read " + read + " byte " + in.get(0) + "; " + write
                    + "; open=" + client.isOpen();
        }
    }

    // ---- use after close ------------------------------------------------------------------------

    static String closedSocketCalls() throws IOException {
        Socket s;
        try (Pair p = Pair.open()) {
            s = p.client;
            s.close();
            List<String> outcomes = new ArrayList<>();
            outcomes.add(attempt(() -> s.getInputStream()));
            outcomes.add(attempt(() -> s.getOutputStream()));
            outcomes.add(attempt(() -> {
                s.setSoTimeout(5);
                return null;
            }));
            outcomes.add(attempt(() -> {
                s.connect(p.server.getRemoteSocketAddress());
                return null;
            }));
            outcomes.add(attempt(() -> {
                s.close();
                return "second close ok";
            }));
            return "closed=" + s.isClosed() + " connected=" + s.isConnected() + "; " + String.join("; ", outcomes);
        }
    }

    static String streamsAfterClose() throws IOException {
        try (Pair p = Pair.open()) {
            InputStream in = p.client.getInputStream();
            OutputStream out = p.client.getOutputStream();
            p.client.close();
            return attempt(in::read) + "; " + attempt(() -> {
                out.write(1);
                return null;
            }) + "; available " + attempt(in::available);
        }
    }

    static String channelAfterClose() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            SocketChannel c = SocketChannel.open(server.getLocalAddress());
            server.accept().close();
            c.close();
            return attempt(() -> c.write(ByteBuffer.allocate(1))) + "; " + attempt(() -> c.read(ByteBuffer.allocate(1)))
                    + "; " + attempt(c::getRemoteAddress) + "; open=" + c.isOpen();
        }
    }

    static String acceptOnClosedServerSocket() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        server.close();
        return attempt(server::accept) + "; closed=" + server.isClosed() + " bound=" + server.isBound();
    }

    static String acceptOnClosedServerChannel() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        server.close();
        return attempt(server::accept) + "; open=" + server.isOpen();
    }

    // ---- another thread ends a blocked call --------------------------------------------------------

    static String closeWhileReading() throws Exception {
        try (Pair p = Pair.open()) {
            Blocked reader = Blocked.start(() -> p.client.getInputStream().read());
            reader.awaitBlocked();
            p.client.close();
            return reader.outcome() + "; closed=" + p.client.isClosed();
        }
    }

    static String closeWhileAccepting() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        Blocked acceptor = Blocked.start(server::accept);
        acceptor.awaitBlocked();
        server.close();
        return acceptor.outcome() + "; closed=" + server.isClosed();
    }

    static String closeWhileReadingChannel() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            Blocked reader = Blocked.start(() -> client.read(ByteBuffer.allocate(1)));
            reader.awaitBlocked();
            client.close();
            return reader.outcome() + "; open=" + client.isOpen();
        }
    }

    static String interruptChannelRead() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            Blocked reader = Blocked.start(() -> client.read(ByteBuffer.allocate(1)));
            reader.awaitBlocked();
            reader.thread.interrupt();
            return reader.outcome() + "; open=" + client.isOpen() + " peer read " + accepted.read(ByteBuffer.allocate(1));
        }
    }

    /** A platform thread blocked in java.net.Socket is not woken by an interrupt: the timeout ends it. */
    static String interruptSocketRead() throws Exception {
        try (Pair p = Pair.open()) {
            p.client.setSoTimeout(500);
            Blocked reader = Blocked.start(() -> {
                try {
                    return p.client.getInputStream().read();
                } finally {
                    Blocked.interruptedAtEnd.set(Thread.currentThread().isInterrupted());
                }
            });
            reader.awaitBlocked();
            reader.thread.interrupt();
            return reader.outcome() + "; interrupted=" + Blocked.interruptedAtEnd.get() + " closed="
                    + p.client.isClosed();
        }
    }

    static String interruptedBeforeChannelConnect() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            Thread.currentThread().interrupt();
            SocketChannel c = SocketChannel.open();
            String outcome;
            try {
                c.connect(server.getLocalSocketAddress());
                outcome = "connected";
            } catch (IOException e) {
                outcome = describe(e);
            }
            boolean interrupted = Thread.interrupted();
            c.close();
            return outcome + "; open=" + c.isOpen() + " interrupted=" + interrupted;
        }
    }

    // ---- bind -----------------------------------------------------------------------------------

    static String bindInUse() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 50, LOOPBACK); ServerSocket second = new ServerSocket()) {
            try {
                second.bind(new InetSocketAddress(LOOPBACK, holder.getLocalPort()));
                return "bound?";
            } catch (IOException e) {
                return describe(e) + "; bound=" + second.isBound() + " closed=" + second.isClosed();
            }
        }
    }

    static String bindInUseChannel() throws IOException {
        try (ServerSocketChannel holder = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             ServerSocketChannel second = ServerSocketChannel.open()) {
            try {
                second.bind(holder.getLocalAddress());
                return "bound?";
            } catch (IOException e) {
                return describe(e) + "; open=" + second.isOpen();
            }
        }
    }

    static String bindInUseAsync() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 50, LOOPBACK);
             AsynchronousServerSocketChannel second = AsynchronousServerSocketChannel.open()) {
            try {
                second.bind(holder.getLocalSocketAddress());
                return "bound?";
            } catch (IOException e) {
                return describe(e) + "; open=" + second.isOpen();
            }
        }
    }

    /** The agent explains a failed bind on the failing thread's time: an interrupt must survive that. */
    static String bindInUseInterrupted() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 50, LOOPBACK); ServerSocket second = new ServerSocket()) {
            Thread.currentThread().interrupt();
            String outcome;
            try {
                second.bind(new InetSocketAddress(LOOPBACK, holder.getLocalPort()));
                outcome = "bound?";
            } catch (IOException e) {
                outcome = describe(e);
            }
            return outcome + "; still interrupted=" + Thread.interrupted();
        }
    }

    // ---- state, options, non-blocking, async ------------------------------------------------------

    static String socketStateAndDefaults() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK); Socket s = new Socket()) {
            String before = "bound=" + s.isBound() + " connected=" + s.isConnected();
            s.connect(server.getLocalSocketAddress());
            try (Socket a = server.accept()) {
                return before + "; after: bound=" + s.isBound() + " connected=" + s.isConnected()
                        + " remote=" + s.getInetAddress().getHostAddress() + " noDelay=" + s.getTcpNoDelay()
                        + " keepAlive=" + s.getKeepAlive() + " linger=" + s.getSoLinger() + " timeout="
                        + s.getSoTimeout() + " oobInline=" + s.getOOBInline() + " available="
                        + s.getInputStream().available() + "; server reuseAddress=" + server.getReuseAddress()
                        + " timeout=" + server.getSoTimeout() + " accepted local=" + a.getLocalAddress().getHostAddress();
            }
        }
    }

    static String nonblockingConnectAndEcho() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             Selector selector = Selector.open();
             SocketChannel c = SocketChannel.open()) {
            c.configureBlocking(false);
            boolean immediate = c.connect(server.getLocalAddress());
            if (!immediate) {
                c.register(selector, SelectionKey.OP_CONNECT);
                selector.select(GUARD_MILLIS);
            }
            boolean finished = c.finishConnect();
            try (SocketChannel a = server.accept()) {
                c.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer got = ByteBuffer.allocate(3);
                while (got.hasRemaining() && a.read(got) >= 0) {
                    // blocking accepted side: reads until the three bytes are in
                }
                a.write(got.flip());
                ByteBuffer back = ByteBuffer.allocate(3);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GUARD_MILLIS);
                while (back.hasRemaining() && System.nanoTime() < deadline) {
                    if (c.read(back) == 0) {
                        Thread.onSpinWait();
                    }
                }
                return "finishConnect=" + finished + " connected=" + c.isConnected() + " pending="
                        + c.isConnectionPending() + " echo=" + new String(back.array(), StandardCharsets.US_ASCII)
                        + " nothing more=" + c.read(ByteBuffer.allocate(1));
            }
        }
    }

    static String selectorAccept() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             Selector selector = Selector.open()) {
            server.configureBlocking(false);
            SocketChannel none = server.accept();
            server.register(selector, SelectionKey.OP_ACCEPT);
            try (SocketChannel c = SocketChannel.open(server.getLocalAddress())) {
                int ready = selector.select(GUARD_MILLIS);
                SelectionKey key = selector.selectedKeys().iterator().next();
                try (SocketChannel a = server.accept()) {
                    return "before=" + none + " ready=" + ready + " acceptable=" + key.isAcceptable() + " accepted="
                            + (a != null) + " blocking=" + a.isBlocking() + " again=" + server.accept();
                }
            }
        }
    }

    static String asyncEcho() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                .bind(new InetSocketAddress(LOOPBACK, 0));
             AsynchronousSocketChannel c = AsynchronousSocketChannel.open()) {
            Future<AsynchronousSocketChannel> accepting = server.accept();
            Object connected = c.connect(server.getLocalAddress()).get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
            try (AsynchronousSocketChannel a = accepting.get(GUARD_MILLIS, TimeUnit.MILLISECONDS)) {
                c.write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII))).get();
                ByteBuffer got = ByteBuffer.allocate(2);
                while (got.hasRemaining()) {
                    a.read(got).get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
                }
                a.close();
                int eof = c.read(ByteBuffer.allocate(1)).get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
                return "connect=" + connected + " got=" + new String(got.array(), StandardCharsets.US_ASCII)
                        + " eof=" + eof;
            }
        }
    }

    static String asyncReadTimeout() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                .bind(new InetSocketAddress(LOOPBACK, 0));
             AsynchronousSocketChannel c = AsynchronousSocketChannel.open()) {
            Future<AsynchronousSocketChannel> accepting = server.accept();
            c.connect(server.getLocalAddress()).get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
            try (AsynchronousSocketChannel a = accepting.get(GUARD_MILLIS, TimeUnit.MILLISECONDS)) {
                Completion done = new Completion();
                c.read(ByteBuffer.allocate(1), SHORT_MILLIS, TimeUnit.MILLISECONDS, null, done);
                return done.await() + "; open=" + c.isOpen();
            }
        }
    }

    static String asyncClosePendingRead() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                .bind(new InetSocketAddress(LOOPBACK, 0))) {
            AsynchronousSocketChannel c = AsynchronousSocketChannel.open();
            Future<AsynchronousSocketChannel> accepting = server.accept();
            c.connect(server.getLocalAddress()).get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
            try (AsynchronousSocketChannel a = accepting.get(GUARD_MILLIS, TimeUnit.MILLISECONDS)) {
                Completion done = new Completion();
                c.read(ByteBuffer.allocate(1), null, done);
                c.close();
                return done.await() + "; open=" + c.isOpen();
            }
        }
    }

    static String bulkTransfer() throws Exception {
        try (Pair p = Pair.open()) {
            byte[] data = new byte[1 << 20];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + (i >>> 8));
            }
            Blocked writer = Blocked.start(() -> {
                p.client.getOutputStream().write(data);
                p.client.shutdownOutput();
                return "written";
            });
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[8192];
            long total = 0;
            InputStream in = p.server.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                crc.update(buffer, 0, n);
                total += n;
            }
            return writer.outcome() + "; " + total + " bytes, crc " + Long.toHexString(crc.getValue());
        }
    }

    // ---- virtual threads (JDK 21+; reached by reflection so this compiles for release 17) ----------

    static String echoOnce() throws IOException {
        try (Pair p = Pair.open()) {
            p.client.getOutputStream().write("vt".getBytes(StandardCharsets.US_ASCII));
            byte[] got = p.server.getInputStream().readNBytes(2);
            p.server.getOutputStream().write(got);
            return "echo=" + new String(p.client.getInputStream().readNBytes(2), StandardCharsets.US_ASCII);
        }
    }

    static String virtualInterruptRead() throws Exception {
        if (!virtualThreadsAvailable()) {
            return notAvailable();
        }
        try (Pair p = Pair.open()) {
            AtomicReference<String> outcome = new AtomicReference<>();
            Thread reader = startVirtual(() -> {
                try {
                    outcome.set("read " + p.client.getInputStream().read());
                } catch (Throwable t) {
                    outcome.set(describe(t));
                }
            });
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GUARD_MILLIS);
            while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            reader.interrupt();
            reader.join(GUARD_MILLIS);
            return outcome.get() + "; closed=" + p.client.isClosed();
        }
    }

    static String virtualMany() throws Exception {
        if (!virtualThreadsAvailable()) {
            return notAvailable();
        }
        int count = 200;
        AtomicInteger ok = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("none");
        CountDownLatch handled = new CountDownLatch(count);
        try (ServerSocket server = new ServerSocket(0, count, LOOPBACK)) {
            Thread acceptor = startVirtual(() -> {
                for (int i = 0; i < count; i++) {
                    try {
                        Socket a = server.accept();
                        startVirtual(() -> {
                            try (a) {
                                a.getOutputStream().write(a.getInputStream().read());
                            } catch (IOException e) {
                                firstFailure.compareAndSet("none", describe(e));
                            } finally {
                                handled.countDown();
                            }
                        });
                    } catch (IOException e) {
                        firstFailure.compareAndSet("none", describe(e));
                        return;
                    }
                }
            });
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                clients.add(startVirtual(() -> {
                    try (Socket c = new Socket(LOOPBACK, server.getLocalPort())) {
                        c.getOutputStream().write(7);
                        if (c.getInputStream().read() == 7) {
                            ok.incrementAndGet();
                        }
                    } catch (IOException e) {
                        firstFailure.compareAndSet("none", describe(e));
                    }
                }));
            }
            for (Thread t : clients) {
                t.join(GUARD_MILLIS);
            }
            acceptor.join(GUARD_MILLIS);
            handled.await(GUARD_MILLIS, TimeUnit.MILLISECONDS);
        }
        return ok.get() + " of " + count + " echoed; first failure " + firstFailure.get();
    }

    static String onVirtualThread(Case body) throws Exception {
        if (!virtualThreadsAvailable()) {
            return notAvailable();
        }
        AtomicReference<String> outcome = new AtomicReference<>("did not finish");
        Thread t = startVirtual(() -> {
            try {
                outcome.set(body.run());
            } catch (Throwable e) {
                outcome.set("UNEXPECTED " + describe(e));
            }
        });
        t.join(GUARD_MILLIS);
        return outcome.get();
    }

    static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    static String notAvailable() {
        return "virtual threads need JDK 21+";
    }

    static Thread startVirtual(Runnable task) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
            return (Thread) start.invoke(builder, task);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Class, message and the JDK method that threw: what an application's handler can see. */
    static String describe(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        String at = stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
        return t.getClass().getName() + ": " + t.getMessage() + " @" + at
                + (t.getCause() == null ? "" : " cause " + t.getCause().getClass().getName())
                + (t.getSuppressed().length == 0 ? "" : " suppressed " + t.getSuppressed().length);
    }

    interface Call {
        Object call() throws Exception;
    }

    static String attempt(Call call) {
        try {
            return "ok " + format(call.call());
        } catch (Exception e) {
            return describe(e);
        }
    }

    /** Values as themselves, objects by their class (never an identity hash). */
    static String format(Object result) {
        return String.valueOf(result == null || result instanceof Number || result instanceof Boolean
                || result instanceof String ? result : result.getClass().getName());
    }

    /** An address nothing listens on: a port just released by a listener of this process. */
    static InetSocketAddress closedAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return new InetSocketAddress(LOOPBACK, s.getLocalPort());
        }
    }

    /** A connected java.net pair on loopback. */
    static final class Pair implements AutoCloseable {
        final Socket client;
        final Socket server;

        private Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        static Pair open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
                Socket client = new Socket(LOOPBACK, listener.getLocalPort());
                return new Pair(client, listener.accept());
            }
        }

        @Override
        public void close() throws IOException {
            try {
                client.close();
            } finally {
                server.close();
            }
        }
    }

    /** A call on its own platform thread, to be ended by this one. */
    static final class Blocked {
        static final AtomicReference<Boolean> interruptedAtEnd = new AtomicReference<>();
        private static final java.util.Set<String> BLOCKING_NATIVES = java.util.Set.of("poll", "poll0", "accept",
                "accept0", "read", "read0", "park");
        final Thread thread;
        final AtomicReference<String> outcome = new AtomicReference<>();

        private Blocked(Call call) {
            thread = new Thread(() -> {
                try {
                    outcome.set("returned " + format(call.call()));
                } catch (Throwable t) {
                    outcome.set(describe(t));
                }
            }, "blocked-call");
            thread.setDaemon(true);
        }

        static Blocked start(Call call) {
            Blocked b = new Blocked(call);
            b.thread.start();
            return b;
        }

        /**
         * Until the thread sits in the blocking system call (a native poll, accept or read) or parks,
         * seen three times in a row: a call ended before it blocked would not be the behaviour asked about.
         */
        void awaitBlocked() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GUARD_MILLIS);
            int seen = 0;
            while (seen < 3 && System.nanoTime() < deadline) {
                seen = blocked(thread) ? seen + 1 : 0;
                LockSupport.parkNanos(2_000_000);
            }
        }

        private static boolean blocked(Thread t) {
            Thread.State state = t.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return true;
            }
            StackTraceElement[] stack = t.getStackTrace();
            return state == Thread.State.RUNNABLE && stack.length > 0 && stack[0].isNativeMethod()
                    && BLOCKING_NATIVES.contains(stack[0].getMethodName());
        }

        String outcome() throws InterruptedException {
            thread.join(GUARD_MILLIS);
            return thread.isAlive() ? "still blocked" : outcome.get();
        }
    }

    /** A completion handler whose outcome can be waited for. */
    static final class Completion implements CompletionHandler<Integer, Object> {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile String outcome;

        @Override
        public void completed(Integer result, Object attachment) {
            outcome = "completed " + result;
            done.countDown();
        }

        @Override
        public void failed(Throwable exc, Object attachment) {
            outcome = describe(exc);
            done.countDown();
        }

        String await() throws InterruptedException {
            return done.await(GUARD_MILLIS, TimeUnit.MILLISECONDS) ? outcome : "no completion";
        }
    }
}
