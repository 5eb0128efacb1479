package io.sockleak.e2e.http.apps;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Impatient clients of {@link JettyServerApp}, in their own JVM without the agent: {@code args}
 * port, requests, parallel. Each asks for 200-1000 ms of work and hangs up after 50-150 ms, so the
 * server's end of most connections goes to CLOSE_WAIT while its handler still sleeps.
 */
public final class AbortingClients {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        int parallel = Integer.parseInt(args[2]);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        AtomicInteger aborted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < requests; i++) {
            pool.execute(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /slow?ms=" + random.nextInt(200, 1001) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(random.nextInt(50, 151)); // the client's patience, not a wait for a condition
                    aborted.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        System.out.println("ABORTED " + aborted.get() + " FAILED " + failed.get());
    }
}
