package io.sockleak.e2e.integrations;

import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        MetricsPage page = MetricsPage.onFreePort();
        service = MetricsPage.leakingService(work)
                .jvmArg("-javaagent:" + exporter.toAbsolutePath() + "=127.0.0.1:" + page.port() + ":"
                        + CONFIG.toAbsolutePath().normalize())
                .start();
        service.awaitLine("READY", Duration.ofSeconds(30));

        // The MBean is registered 5 s after a -javaagent start; the unread connection is a leak at the second look.
        String metrics = page.awaitLine("sockleak_leaks_by_verdict{verdict=\"CLOSE_WAIT_AGED\"} 1.0",
                Duration.ofSeconds(45));
        List<String> sockleak = MetricsPage.sockleakLines(metrics);
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
                "sockleak_tracked_open " + MetricsPage.trackedOpen(sockleak),
                "sockleak_unaccepted 0.0",
                "sockleak_young 0.0"), sockleak, metrics);
        assertTrue(metrics.contains("# HELP sockleak_leaks Socket leaks found now, by kind"), metrics);
        assertTrue(metrics.contains("# TYPE sockleak_leaks gauge"), metrics);

        service.tell("EXIT");
        service.await().assertExitCode(0);
    }
}
