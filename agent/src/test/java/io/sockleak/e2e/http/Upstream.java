package io.sockleak.e2e.http;

import io.sockleak.e2e.http.apps.IdleClosingUpstream;
import io.sockleak.testing.ChildJvm;

import java.nio.file.Path;
import java.time.Duration;

/** The idle-closing HTTP upstream in a JVM of its own, for one test. */
final class Upstream implements AutoCloseable {

    private final ChildJvm.Started jvm;
    private final int port;

    private Upstream(ChildJvm.Started jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    /** Starts the upstream; connections idle for {@code idleTimeout} are closed by it. */
    static Upstream start(Path work, Duration idleTimeout) {
        ChildJvm.Started jvm = ChildJvm.in(work.resolve("upstream")).withoutAgent()
                .main(IdleClosingUpstream.class, String.valueOf(idleTimeout.toMillis()))
                .timeout(Duration.ofMinutes(5)).start();
        String line = Lines.await(jvm, "LISTENING ", Duration.ofSeconds(30));
        return new Upstream(jvm, Integer.parseInt(line.substring("LISTENING ".length())));
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            jvm.process().getOutputStream().close();
            if (!jvm.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                jvm.process().destroyForcibly();
            }
        } catch (Exception e) {
            jvm.process().destroyForcibly();
        }
    }
}
