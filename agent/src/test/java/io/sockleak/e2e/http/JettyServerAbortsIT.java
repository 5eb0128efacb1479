package io.sockleak.e2e.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockleak.e2e.http.apps.AbortingClients;
import io.sockleak.e2e.http.apps.JettyServerApp;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's busy, healthy server: Jetty 12 whose clients hang up on slow requests. Its aborted
 * connections sit in CLOSE_WAIT for a fraction of a second until Jetty closes them; none is a leak,
 * at a dump mid-load, at every interval, at threshold=1, and at a SIGTERM that lands mid-load (Jetty's
 * own shutdown hook closes them; the report must come after it). Default minCloseWait (10 s): these
 * sockets are young.
 */
class JettyServerAbortsIT {

    private static final int REQUESTS = 300;
    private static final int PARALLEL = 16;
    private static final int MAX_DUMPS = 12;
    private static final int SIGTERM_RUNS = 3;

    @TempDir
    Path work;

    private record Server(ChildJvm.Started jvm, int port, Path reports) {
    }

    private Server start(String name, String options) {
        Path reports = work.resolve(name);
        ChildJvm.Started jvm = ChildJvm.in(work).agentOptions("dir=" + reports + options)
                .main(JettyServerApp.class).timeout(Duration.ofSeconds(90)).start();
        int port = Integer.parseInt(Lines.await(jvm, "LISTENING ", Duration.ofSeconds(30)).substring(10));
        return new Server(jvm, port, reports);
    }

    private ChildJvm.Started clients(int port) {
        return ChildJvm.in(work.resolve("clients")).withoutAgent()
                .main(AbortingClients.class, String.valueOf(port), String.valueOf(REQUESTS), String.valueOf(PARALLEL))
                .timeout(Duration.ofMinutes(2)).start();
    }

    /**
     * Asks for dumps while the clients run, until {@code enough} of them saw aborted connections in
     * CLOSE_WAIT or the clients are done; returns how many dumps saw some.
     */
    private static int dumpDuringLoad(Server server, ChildJvm.Started clients, int enough) {
        int withCloseWait = 0;
        for (int n = 1; n <= MAX_DUMPS && clients.process().isAlive() && withCloseWait < enough; n++) {
            server.jvm().tell("dump");
            String line = Lines.awaitNth(server.jvm(), "DUMPED ", n, Duration.ofSeconds(30));
            if (Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)) > 0) {
                withCloseWait++;
            }
        }
        return withCloseWait;
    }

    @Test
    void abortedRequestsAreNeverLeaksAtDumpIntervalThresholdOrExit() {
        Server server = start("load", ",interval=1s,threshold=1");
        ChildJvm.Started clients = clients(server.port());
        int dumpsWithCloseWait = dumpDuringLoad(server, clients, MAX_DUMPS);
        clients.await().assertExitCode(0);
        server.jvm().process().destroy(); // SIGTERM
        server.jvm().await();
        List<JsonNode> reports = Reports.in(server.reports());
        String all = Reports.describe(reports) + "server stdout:\n" + server.jvm().stdout() + "\nclients:\n" + clients.stdout();
        assertTrue(dumpsWithCloseWait > 0, "no dump caught an aborted connection closing: the test saw nothing\n" + all);
        for (JsonNode report : reports) {
            assertTrue(Reports.leaks(report).isEmpty(), report.path("_file").asText() + " lists leaks\n" + all);
        }
        assertTrue(Reports.withTrigger(reports, "threshold").isEmpty(), "threshold=1 fired\n" + all);
        assertTrue(Reports.withTrigger(reports, "interval").size() >= 1, "interval reports ran\n" + all);
        assertTrue(reports.stream().anyMatch(r -> Reports.young(r) > 0), "the closing connections are counted as young\n" + all);
        assertTrue(Reports.withTrigger(reports, "shutdown").size() == 1, all);
    }

    @Test
    void sigtermMidLoadReportsNoLeakAfterJettyStopped() {
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < SIGTERM_RUNS; run++) {
            Server server = start("sigterm-" + run, ",threshold=1");
            ChildJvm.Started clients = clients(server.port());
            int caught = dumpDuringLoad(server, clients, 1);
            server.jvm().process().destroy(); // SIGTERM while aborted connections are still closing
            server.jvm().await();
            clients.await();
            List<JsonNode> reports = Reports.in(server.reports());
            List<JsonNode> shutdown = Reports.withTrigger(reports, "shutdown");
            if (caught == 0) {
                failures.add("run " + run + ": no dump caught a closing connection before the SIGTERM");
            } else if (shutdown.size() != 1 || !Reports.leaks(shutdown.get(0)).isEmpty()
                    || !Reports.withTrigger(reports, "threshold").isEmpty()) {
                failures.add("run " + run + ":\n" + Reports.describe(reports) + server.jvm().stderr());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
