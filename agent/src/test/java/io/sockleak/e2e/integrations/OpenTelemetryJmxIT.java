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
 * The OpenTelemetry Java agent from Maven Central (copied by the pom) beside sockleak, with the ready
 * JMX Metric Insight rules docs/integrations/opentelemetry-jmx.yaml and the agent's own Prometheus
 * exporter: a service leaks three connections, the test scrapes /metrics until the leaks are there,
 * and checks every sockleak metric, attribute and type; its correct-code twin closes every connection
 * and must show no leak.
 */
class OpenTelemetryJmxIT {

    static final Path CONFIG = Path.of("..", "docs", "integrations", "opentelemetry-jmx.yaml");
    static final String SCOPE = "otel_scope_name=\"io.opentelemetry.jmx\"";

    @TempDir
    Path work;

    @RegisterExtension
    final ChildReaper children = new ChildReaper();

    @Test
    void jmxMetricInsightShowsLeaksByKindAndVerdict() throws Exception {
        MetricsPage page = MetricsPage.onFreePort();
        ChildJvm.Started service = service(page);

        String metrics = page.awaitLine("sockleak_leaks_by_verdict{" + SCOPE + ",verdict=\"CLOSE_WAIT_AGED\"} 1.0",
                Duration.ofSeconds(60));
        List<String> sockleak = MetricsPage.sockleakLines(metrics);
        System.out.println("[OpenTelemetryJmxIT] Java " + Runtime.version() + ":\n" + String.join("\n", sockleak));
        assertEquals(List.of(
                "sockleak_errors_total{" + SCOPE + "} 0.0",
                "sockleak_leaks_by_verdict{" + SCOPE + ",verdict=\"BORROWED_NOT_RETURNED\"} 0.0",
                "sockleak_leaks_by_verdict{" + SCOPE + ",verdict=\"CLOSE_WAIT_AGED\"} 1.0",
                "sockleak_leaks_by_verdict{" + SCOPE + ",verdict=\"OPEN_AT_EXIT\"} 0.0",
                "sockleak_leaks_by_verdict{" + SCOPE + ",verdict=\"READ_EOF_KEPT\"} 2.0",
                "sockleak_leaks{kind=\"CLOSE_WAIT\"," + SCOPE + "} 3.0",
                "sockleak_leaks{kind=\"COLLECTED_OPEN\"," + SCOPE + "} 0.0",
                "sockleak_leaks{kind=\"UNTRACKED\"," + SCOPE + "} 0.0",
                "sockleak_stale_pooled{" + SCOPE + "} 0.0",
                "sockleak_tracked_open{" + SCOPE + "} " + MetricsPage.trackedOpen(sockleak),
                "sockleak_unaccepted{" + SCOPE + "} 0.0",
                "sockleak_young{" + SCOPE + "} 0.0"), sockleak, metrics);
        // UpDownCounters are Prometheus gauges; the error count is a counter.
        assertTrue(metrics.contains("# HELP sockleak_leaks Socket leaks found now, by kind"), metrics);
        assertTrue(metrics.contains("# TYPE sockleak_leaks gauge"), metrics);
        assertTrue(metrics.contains("# TYPE sockleak_errors_total counter"), metrics);

        MetricsPage.exit(service);
    }

    @Test
    void correctCodeShowsNoLeak() throws Exception {
        MetricsPage.correctCodeShowsNoLeak(this::service, Duration.ofSeconds(60));
    }

    /** LeakingService ({@code args}: its mode) with the OpenTelemetry agent serving {@code page}, once READY. */
    private ChildJvm.Started service(MetricsPage page, String... args) {
        Path otel = Path.of(System.getProperty("sockleak.otelAgentJar", "target/otel/opentelemetry-javaagent.jar"));
        assertTrue(Files.isRegularFile(otel), "the OpenTelemetry agent jar (mvn verify copies it): " + otel);
        assertTrue(Files.isRegularFile(CONFIG), CONFIG.toAbsolutePath().toString());
        ChildJvm.Started service = children.keep(MetricsPage.leakingService(work, args)
                .jvmArg("-javaagent:" + otel.toAbsolutePath())
                .jvmArg("-Dotel.jmx.config=" + CONFIG.toAbsolutePath().normalize())
                // JMX Metric Insight looks for MBeans 1 s after its start, then every discovery delay plus a
                // growing step; the default delay is the export interval (60 s), after sockleak's MBean (5 s).
                .jvmArg("-Dotel.jmx.discovery.delay=1s")
                .jvmArg("-Dotel.metrics.exporter=prometheus")
                .jvmArg("-Dotel.exporter.prometheus.host=127.0.0.1")
                .jvmArg("-Dotel.exporter.prometheus.port=" + page.port())
                .jvmArg("-Dotel.traces.exporter=none")
                .jvmArg("-Dotel.logs.exporter=none")
                .start());
        service.awaitLine("READY", Duration.ofSeconds(45));
        return service;
    }
}
