package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sockleak.demo.docs.DocOutputs.Shape.LAYOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/integrations: one run of docs/examples/SlowLeak.java with the agent, the Prometheus JMX exporter (the jar from
 * Maven Central) and a flight recording, as both docs name it; its scrape for prometheus.md, the recording's
 * {@code jfr print} for jfr.md. Counts depend on timing: compared by layout.
 */
class IntegrationsDocsIT {

    private static final Pattern CLOSE_WAIT_LEAKS =
            Pattern.compile("(?m)^sockleak_leaks\\{kind=\"CLOSE_WAIT\"[^}]*} (\\S+)$");
    private static final String EVENTS = "io.sockleak.Leak,io.sockleak.LeakCounts";

    @TempDir
    Path work;

    @Test
    void aScrapeAndARecordingOfSlowLeak() throws Exception {
        layOutWith(work, "docs/integrations");
        Files.createSymbolicLink(work.resolve("jmx_prometheus_javaagent-1.0.1.jar"),
                Path.of(System.getProperty("sockleak.jmxExporterJar")).toAbsolutePath());
        int port = Cli.freePort();
        Process app = Cli.start(work, work.resolve("app.log"), List.of(
                "-javaagent:agent/target/sockleak-agent.jar=minCloseWait=2s",
                "-javaagent:jmx_prometheus_javaagent-1.0.1.jar=127.0.0.1:" + port
                        + ":docs/integrations/prometheus-jmx-exporter.yaml",
                "-XX:StartFlightRecording:filename=recording.jfr", "docs/examples/SlowLeak.java", "24"));
        try {
            String scrape = scrapeUntilALeak(app, URI.create("http://127.0.0.1:" + port + "/metrics"));
            DocOutputs.check(DocOutputs.doc("docs/integrations/prometheus.md"), "prometheus-scrape",
                    sockleakLines(scrape), work, LAYOUT);
            assertTrue(app.waitFor(90, TimeUnit.SECONDS), "SlowLeak did not finish");
        } finally {
            app.destroyForcibly();
        }
        Cli.Result print = jfrPrint();
        List<String> events = Arrays.stream(print.stdout().split("\\n\\s*\\n")).map(String::strip)
                .filter(e -> !e.isEmpty()).toList();
        int last = lastIndex(events, "io.sockleak.LeakCounts {", events.size());
        assertTrue(last >= 0, "no LeakCounts:\n" + print.stdout());
        // The period's Leak events come just before its LeakCounts (their times a little earlier).
        int leak = lastIndex(events, "io.sockleak.Leak {", last);
        assertTrue(leak >= 0, "no Leak before the last LeakCounts:\n" + print.stdout());
        String counts = events.get(last);
        String oneLeak = events.get(leak);
        // JDK 17's jfr prints a time of day, later ones the date too.
        DocOutputs.check(DocOutputs.doc("docs/integrations/jfr.md"), "jfr-print", oneLeak + "\n\n" + counts, work,
                LAYOUT, "^(\\s*startTime = #:#:#).*", "$1");
    }

    /**
     * docs/integrations/opentelemetry.md: SlowLeak (compiled) with the agent and the OpenTelemetry Java agent reading
     * the MBean with opentelemetry-jmx.yaml, scraped from its Prometheus endpoint.
     */
    @Test
    void anOpenTelemetryScrapeOfSlowLeak() throws Exception {
        layOutWith(work, "docs/integrations");
        Files.createSymbolicLink(work.resolve("opentelemetry-javaagent.jar"),
                Path.of(System.getProperty("sockleak.otelAgentJar")).toAbsolutePath());
        Cli.javac(work, "SlowLeak");
        int port = Cli.freePort();
        Process app = Cli.start(work, work.resolve("app.log"), List.of(
                "-javaagent:agent/target/sockleak-agent.jar=minCloseWait=2s", "-javaagent:opentelemetry-javaagent.jar",
                "-Dotel.jmx.config=docs/integrations/opentelemetry-jmx.yaml", "-Dotel.jmx.discovery.delay=1s",
                "-Dotel.metrics.exporter=prometheus", "-Dotel.exporter.prometheus.port=" + port,
                "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none", "-cp", ".", "SlowLeak", "40"));
        try {
            String scrape = scrapeUntilALeak(app, URI.create("http://127.0.0.1:" + port + "/metrics"));
            DocOutputs.check(DocOutputs.doc("docs/integrations/opentelemetry.md"), "opentelemetry-scrape",
                    sockleakLines(scrape), work, LAYOUT);
        } finally {
            app.destroyForcibly();
            app.onExit().join();
        }
    }

    /** Polls /metrics (pausing on the app's exit, not on a sleep) until a CLOSE_WAIT leak is judged. */
    private static String scrapeUntilALeak(Process app, URI metrics) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline && !app.waitFor(200, TimeUnit.MILLISECONDS)) {
            try {
                last = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
            } catch (java.io.IOException notYet) {
                continue; // the exporter's server is not up yet
            }
            Matcher leaks = CLOSE_WAIT_LEAKS.matcher(last);
            if (leaks.find() && Double.parseDouble(leaks.group(1)) > 0) {
                return last;
            }
        }
        throw new AssertionError("no CLOSE_WAIT leak scraped before SlowLeak ended; last scrape:\n" + last);
    }

    private Cli.Result jfrPrint() throws Exception {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Path out = work.resolve("jfr-print.txt");
        Process p = new ProcessBuilder(jfr.toString(), "print", "--events", EVENTS, "recording.jfr")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Cli.finish(p, List.of("jfr print"));
        Cli.Result result = new Cli.Result(p.exitValue(), Files.readString(out), "");
        assertEquals(0, result.exit(), result.stdout());
        return result;
    }

    /** The repository's layout ({@link Cli#layOut}) and docs/integrations, whose configs the commands name. */
    private static void layOutWith(Path work, String folder) throws Exception {
        Cli.layOut(work);
        Files.createSymbolicLink(work.resolve(folder), DocOutputs.doc(folder));
    }

    /** The lines of sockleak's metrics, as {@code grep sockleak} shows them but for lines that only mention it. */
    private static String sockleakLines(String scrape) {
        return String.join("\n", scrape.lines().filter(l -> l.matches("(# (HELP|TYPE) )?sockleak_.*")).toList());
    }

    /** The index of the last event before {@code before} that starts with {@code start}, or -1. */
    private static int lastIndex(List<String> events, String start, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (events.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }
}
