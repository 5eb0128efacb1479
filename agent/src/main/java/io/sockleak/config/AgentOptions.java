package io.sockleak.config;

import java.nio.file.Path;
import java.time.Duration;

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
        Duration failureReportGap) {

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
                Duration.ofSeconds(10));
    }
}
