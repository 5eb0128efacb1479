package io.sockleak.e2e.integrations;

import io.sockleak.e2e.integrations.apps.LeakingService;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus JMX exporter agent from Maven Central (copied by the pom) beside sockleak, with the
 * ready config docs/integrations/prometheus-jmx-exporter.yaml: a service leaks three connections, the
 * test scrapes /metrics until the leaks are there, and checks every sockleak metric and label.
 */
class PrometheusExporterIT {

    static final Path CONFIG = Path.of("..", "docs", "integrations", "prometheus-jmx-exporter.yaml");

    @TempDir
    Path work;

    private ChildJvm.Started service;

    @AfterEach
    void end() {
        if (service != null && service.process().isAlive()) {
            service.process().destroyForcibly();
        }
    }

    @Test
    void theExporterShowsLeaksByKindAndVerdict() throws Exception {
        Path exporter = Path.of(System.getProperty("sockleak.jmxExporterJar",
                "target/prometheus/jmx_prometheus_javaagent.jar"));
        assertTrue(Files.isRegularFile(exporter), "the exporter jar (mvn verify copies it): " + exporter);
        assertTrue(Files.isRegularFile(CONFIG), CONFIG.toAbsolutePath().toString());
        int port = freePort();
        service = ChildJvm.in(work).agentOptions("dir=" + work.resolve("reports") + ",minCloseWait=0,scanInterval=1s")
                .jvmArg("-javaagent:" + exporter.toAbsolutePath() + "=127.0.0.1:" + port + ":"
                        + CONFIG.toAbsolutePath().normalize())
                .main(LeakingService.class).timeout(Duration.ofSeconds(90)).start();
        service.awaitLine("READY", Duration.ofSeconds(30));

        // The MBean is registered 5 s after a -javaagent start; the unread connection is a leak at the second look.
        String metrics = Poll.value("sockleak's leaks on /metrics", Duration.ofSeconds(45), () -> {
            String text = scrape(port);
            return text != null && text.contains("sockleak_leaks_by_verdict{verdict=\"CLOSE_WAIT_AGED\"} 1.0")
                    ? text : null;
        });
        List<String> sockleak = metrics.lines().filter(l -> l.startsWith("sockleak_")).sorted().toList();
        System.out.println("[PrometheusExporterIT] Java " + Runtime.version() + ":\n" + String.join("\n", sockleak));
        assertEquals(List.of(
                "sockleak_errors 0.0",
                "sockleak_leaks_by_verdict{verdict=\"BORROWED_NOT_RETURNED\"} 0.0",
                "sockleak_leaks_by_verdict{verdict=\"CLOSE_WAIT_AGED\"} 1.0",
                "sockleak_leaks_by_verdict{verdict=\"OPEN_AT_EXIT\"} 0.0",
                "sockleak_leaks_by_verdict{verdict=\"READ_EOF_KEPT\"} 2.0",
                "sockleak_leaks{kind=\"CLOSE_WAIT\"} 3.0",
                "sockleak_leaks{kind=\"COLLECTED_OPEN\"} 0.0",
                "sockleak_leaks{kind=\"UNTRACKED\"} 0.0",
                "sockleak_stale_pooled 0.0",
                "sockleak_tracked_open " + trackedOpen(sockleak),
                "sockleak_unaccepted 0.0",
                "sockleak_young 0.0"), sockleak, metrics);
        assertTrue(metrics.contains("# HELP sockleak_leaks Socket leaks found now, by kind"), metrics);
        assertTrue(metrics.contains("# TYPE sockleak_leaks gauge"), metrics);

        service.tell("EXIT");
        service.await().assertExitCode(0);
    }

    /** The three leaks plus the scrape connections the exporter's server holds now (the agent tracks them too). */
    private static String trackedOpen(List<String> lines) {
        String line = lines.stream().filter(l -> l.startsWith("sockleak_tracked_open ")).findFirst().orElseThrow();
        double value = Double.parseDouble(line.substring(line.indexOf(' ') + 1));
        assertTrue(value >= 3, line);
        return line.substring(line.indexOf(' ') + 1);
    }

    private static String scrape(int port) {
        try {
            HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
            http.setRequestProperty("Connection", "close");
            http.setConnectTimeout(2000);
            http.setReadTimeout(5000);
            try (InputStream in = http.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                http.disconnect();
            }
        } catch (IOException notYet) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
