package io.sockleak.e2e.integrations;

import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.ChildReaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * test scrapes /metrics until the leaks are there, and checks every sockleak metric and label; its
 * correct-code twin closes every connection and must show no leak.
 */
class PrometheusExporterIT {

    static final Path CONFIG = Path.of("..", "docs", "integrations", "prometheus-jmx-exporter.yaml");

    @TempDir
    Path work;

    @RegisterExtension
    final ChildReaper children = new ChildReaper();

    @Test
    void theExporterShowsLeaksByKindAndVerdict() throws Exception {
        MetricsPage page = MetricsPage.onFreePort();
        ChildJvm.Started service = service(page);

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

        MetricsPage.exit(service);
    }

    @Test
    void correctCodeShowsNoLeak() throws Exception {
        MetricsPage.correctCodeShowsNoLeak(this::service, Duration.ofSeconds(45));
    }

    /** LeakingService ({@code args}: its mode) with the exporter's agent serving {@code page}, once READY. */
    private ChildJvm.Started service(MetricsPage page, String... args) {
        Path exporter = Path.of(System.getProperty("sockleak.jmxExporterJar",
                "target/prometheus/jmx_prometheus_javaagent.jar"));
        assertTrue(Files.isRegularFile(exporter), "the exporter jar (mvn verify copies it): " + exporter);
        assertTrue(Files.isRegularFile(CONFIG), CONFIG.toAbsolutePath().toString());
        ChildJvm.Started service = children.keep(MetricsPage.leakingService(work, args)
                .jvmArg("-javaagent:" + exporter.toAbsolutePath() + "=127.0.0.1:" + page.port() + ":"
                        + CONFIG.toAbsolutePath().normalize())
                .start());
        service.awaitLine("READY", Duration.ofSeconds(30));
        return service;
    }
}
