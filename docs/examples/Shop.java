import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.management.ObjectName;

/**
 * The program behind "A complete example" in docs/report-schema.md: a small shop server that leaks
 * sockets in every way a report shows, and ends up with a stale pooled connection, which is not a leak.
 * docs/examples/run-shop.sh runs it, attaches the agent and dumps the report. Every client and server
 * below is this same program talking to itself over loopback.
 */
public class Shop {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** What the shop forgets to close, kept reachable: only the dropped channel may be collected. */
    private static final List<Object> forgotten = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ServerSocket early = new ServerSocket(0, 50, LOOPBACK);
        forgotten.add(acceptAndForget(early));           // before the agent: an UNTRACKED leak
        System.out.println("pid " + ProcessHandle.current().pid() + ": attach the agent now");
        awaitAgent();

        ServerSocket orders = new ServerSocket(0, 50, LOOPBACK);
        forgotten.add(readOrderAndForget(orders));       // reads to end-of-stream, keeps it: READ_EOF_KEPT
        forgotten.add(acceptAndForget(orders));          // never reads, never closes: CLOSE_WAIT_AGED
        dropChannel(orders);                             // garbage-collected open: COLLECTED_OPEN
        ServerSocket stuck = new ServerSocket(0, 50, LOOPBACK); // nobody ever accepts on it
        sendAndClose(stuck.getLocalPort());
        sendAndClose(stuck.getLocalPort());
        bindAgain(orders.getLocalPort());                // "Address already in use": a bindFailures entry

        Thread.sleep(21_000);  // more than minCloseWait (10 s) plus one scanInterval (10 s)
        CountDownLatch idleClosed = new CountDownLatch(1);
        getPage(idleClosingHttpServer(idleClosed));      // read and closed: idle in the JDK's keep-alive cache
        idleClosed.await();                              // the server closed it after 300 ms idle: stale pooled
        forgotten.add(acceptAndForget(orders));          // in CLOSE_WAIT only a moment at the dump: young
        forgotten.add(early);
        forgotten.add(stuck);
        System.out.println("dump now");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A client connects and closes; the shop accepts the connection and never closes its end. */
    static Socket acceptAndForget(ServerSocket listener) throws IOException {
        new Socket(LOOPBACK, listener.getLocalPort()).close();
        return listener.accept();
    }

    /** A client sends an order and closes; the shop reads it to the end and never closes its end. */
    static Socket readOrderAndForget(ServerSocket listener) throws IOException {
        sendAndClose(listener.getLocalPort());
        Socket s = listener.accept();
        InputStream in = s.getInputStream();
        while (in.read() != -1) {
            // the order
        }
        return s;
    }

    /** Opens a channel, reads until the shop closes its end, and drops the channel without close(). */
    static void dropChannel(ServerSocket listener) throws Exception {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(LOOPBACK, listener.getLocalPort()));
        listener.accept().close();
        ByteBuffer buffer = ByteBuffer.allocate(16);
        while (channel.read(buffer) != -1) {
            buffer.clear();
        }
        channel = null;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(300);
        }
    }

    /** A GET whose body is read to the end and closed, as it should be: the JDK keeps the connection. */
    static void getPage(int port) throws IOException {
        URI page = URI.create("http://127.0.0.1:" + port + "/");
        HttpURLConnection http = (HttpURLConnection) page.toURL().openConnection();
        try (InputStream body = http.getInputStream()) {
            body.readAllBytes();
        }
    }

    /**
     * A keep-alive HTTP server that closes a connection idle for 300 ms, as servers with a short
     * keep-alive timeout do. It serves one connection, then stops listening and counts down.
     */
    static int idleClosingHttpServer(CountDownLatch idleClosed) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, LOOPBACK);
        byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=5\r\n\r\nok"
                .getBytes(StandardCharsets.US_ASCII);
        Thread server = new Thread(() -> {
            try (listener; Socket conn = listener.accept()) {
                conn.setSoTimeout(300);
                InputStream in = conn.getInputStream();
                while (readRequestHead(in)) {
                    conn.getOutputStream().write(ok);
                }
            } catch (SocketTimeoutException idle) {
                // idle for 300 ms: closed
            } catch (IOException e) {
                e.printStackTrace();
            }
            idleClosed.countDown();
        }, "http-server");
        server.setDaemon(true);
        server.start();
        return listener.getLocalPort();
    }

    /** Reads up to the blank line that ends a request head; false at end of stream. */
    static boolean readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b; (b = in.read()) != -1; ) {
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    static void sendAndClose(int port) throws IOException {
        try (Socket client = new Socket(LOOPBACK, port); OutputStream out = client.getOutputStream()) {
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
    }

    static void bindAgain(int port) {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (BindException e) {
            System.out.println("bind " + port + ": " + e.getMessage());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** Waits until the agent's MBean is there: the agent has been attached. */
    static void awaitAgent() throws Exception {
        ObjectName detector = new ObjectName("io.sockleak:type=LeakDetector");
        while (!ManagementFactory.getPlatformMBeanServer().isRegistered(detector)) {
            Thread.sleep(50);
        }
    }
}
