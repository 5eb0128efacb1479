package io.sockleak.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Validated agent settings. {@link Duration#ZERO} and 0 mean "off" for the periodic ones.
 * docs/options.md describes each.
 */
public record AgentOptions(
        Path dir,
        Duration interval,
        int threshold,
        int stackDepth,
        int maxTracked,
        Duration scanInterval,
        boolean summary,
        Path procRoot,
        Duration shutdownTimeout,
        Duration failureReportGap,
        Duration minCloseWait,
        List<String> appPackages) {

    /**
     * How long a socket must sit in CLOSE_WAIT before that alone makes it a leak. A busy, healthy
     * server closes its CLOSE_WAIT sockets within a fraction of a second (0.1-0.4 s measured on Jetty
     * under aborted requests); 10 s is 25 times that, and the default scan interval, so a socket this
     * old has been seen by two looks.
     */
    public static final Duration DEFAULT_MIN_CLOSE_WAIT = Duration.ofSeconds(10);

    public AgentOptions {
        appPackages = List.copyOf(appPackages);
    }

    public static AgentOptions defaults() {
        return new AgentOptions(
                Path.of("sockleak-reports"),
                Duration.ZERO,
                0,
                64,
                100_000,
                Duration.ofSeconds(10),
                true,
                Path.of("/proc"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                DEFAULT_MIN_CLOSE_WAIT,
                List.of());
    }
}
