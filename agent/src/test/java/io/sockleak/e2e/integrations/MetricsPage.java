package io.sockleak.e2e.integrations;

import io.sockleak.e2e.integrations.apps.LeakingService;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the exporter tests share: {@link LeakingService} with sockleak judging at once, a free loopback
 * port for the exporter, and the exporter's Prometheus page scraped over HTTP.
 */
final class MetricsPage {

    /** sockleak's lines on the page: errors, 3 kinds, 4 verdicts, stale pooled, tracked open, unaccepted, young. */
    static final int LINES = 12;

    private final int port;

    private MetricsPage(int port) {
        this.port = port;
    }

    /** A page on a port free now, for the exporter the child is about to start. */
    static MetricsPage onFreePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new MetricsPage(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /**
     * LeakingService with sockleak (minCloseWait=0 and a scan a second, so the unread connection is a
     * leak at the second look); {@code args} "correct" starts its correct-code twin. The caller adds the
     * exporter's agent.
     */
    static ChildJvm leakingService(Path work, String... args) {
        return ChildJvm.in(work).agentOptions("dir=" + work.resolve("reports") + ",minCloseWait=0,scanInterval=1s")
                .main(LeakingService.class, args).timeout(Duration.ofSeconds(90));
    }

    /**
     * For the correct-code twin: once sockleak's metrics are on the page, every scrape for {@code watch}
     * (several of the child's one-second scans, each of which would turn a kept connection into a leak)
     * shows every count but tracked_open at zero: errors, leaks by kind and by verdict, stale pooled, young,
     * and unaccepted, which the scrapes themselves pass through (the exporter's accept queue) but only for
     * the moment one look can catch.
     */
    void assertNoLeaks(Duration within, Duration watch) throws InterruptedException {
        Poll.until(LINES + " sockleak lines on " + url(), within, () -> {
            String page = scrape();
            return page != null && sockleakLines(page).size() == LINES;
        });
        long end = System.nanoTime() + watch.toNanos();
        int scrapes = 0;
        do {
            String page = scrape();
            if (page != null) {
                scrapes++;
                List<String> counts = sockleakLines(page).stream()
                        .filter(l -> !l.startsWith("sockleak_tracked_open")).toList();
                assertEquals(LINES - 1, counts.size(), "the sockleak lines on " + url() + ":\n" + page);
                for (String count : counts) {
                    assertTrue(count.endsWith(" 0.0"), "not zero for correct code: " + count + "\n" + page);
                }
            }
            Thread.sleep(250); // a scrape is a connection too: a few a second, not fifty
        } while (System.nanoTime() < end);
        assertTrue(scrapes >= 3, "only " + scrapes + " scrapes answered in " + watch);
    }

    /**
     * Scrapes until a line of the page is {@code line} and all of sockleak's {@link #LINES} lines are there:
     * the exporter and sockleak's MBean take seconds to appear, and OpenTelemetry adds its instruments one
     * by one (the error counter after the gauges).
     */
    String awaitLine(String line, Duration within) {
        return Poll.value("'" + line + "' and " + LINES + " sockleak lines on " + url(), within, () -> {
            String page = scrape();
            return page != null && page.lines().anyMatch(line::equals) && sockleakLines(page).size() == LINES
                    ? page : null;
        });
    }

    /** Starts LeakingService ({@code args}: its mode) with an exporter serving {@code page}, once READY. */
    interface Service {
        ChildJvm.Started start(MetricsPage page, String... args);
    }

    /**
     * The correct-code twin of an exporter's test: LeakingService "correct" under {@code service}, whose page
     * shows no leak for 5 s of scans ({@link #assertNoLeaks}) once sockleak's lines appear {@code within}.
     */
    static void correctCodeShowsNoLeak(Service service, Duration within) throws InterruptedException {
        MetricsPage page = onFreePort();
        ChildJvm.Started started = service.start(page, "correct");
        page.assertNoLeaks(within, Duration.ofSeconds(5));
        exit(started);
    }

    /** Tells LeakingService to exit, and checks that it did, with status 0. */
    static void exit(ChildJvm.Started service) {
        service.tell("EXIT");
        service.await().assertExitCode(0);
    }

    /** The page's sockleak lines (not the comments), sorted. */
    static List<String> sockleakLines(String page) {
        return page.lines().filter(l -> l.startsWith("sockleak_")).sorted().toList();
    }

    /**
     * The value of the tracked_open line: the three leaks plus the scrape connections the exporter's
     * server holds at that moment (the agent tracks them too), so at least 3.
     */
    static String trackedOpen(List<String> lines) {
        String line = lines.stream().filter(l -> l.startsWith("sockleak_tracked_open")).findFirst().orElseThrow();
        String value = line.substring(line.lastIndexOf(' ') + 1);
        assertTrue(Double.parseDouble(value) >= 3, line);
        return value;
    }

    /** The page's text, or null while nothing answers on the port. */
    private String scrape() {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create(url()).toURL().openConnection();
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

    private String url() {
        return "http://127.0.0.1:" + port + "/metrics";
    }
}
