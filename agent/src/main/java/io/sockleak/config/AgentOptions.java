package io.sockleak.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Validated agent settings, typed; {@link Option} is the table they come from (keys, defaults, parsing).
 * {@link Duration#ZERO} and 0 mean "off" for the periodic ones.
 * docs/options.md describes each.
 */
public record AgentOptions(
        Path dir,
        Duration interval,
        int threshold,
        int stackDepth,
        boolean stackSampling,
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
        return of(Map.of());
    }

    /** The options with these values, and {@link Option}'s defaults for the others. */
    @SuppressWarnings("unchecked")
    static AgentOptions of(Map<Option, Object> values) {
        java.util.function.Function<Option, Object> v = o -> values.containsKey(o) ? values.get(o) : o.defaultValue();
        return new AgentOptions(
                (Path) v.apply(Option.DIR),
                (Duration) v.apply(Option.INTERVAL),
                (Integer) v.apply(Option.THRESHOLD),
                (Integer) v.apply(Option.STACK_DEPTH),
                (Boolean) v.apply(Option.STACK_SAMPLING),
                (Integer) v.apply(Option.MAX_TRACKED),
                (Duration) v.apply(Option.SCAN_INTERVAL),
                (Boolean) v.apply(Option.SUMMARY),
                (Path) v.apply(Option.PROC_ROOT),
                (Duration) v.apply(Option.SHUTDOWN_TIMEOUT),
                (Duration) v.apply(Option.FAILURE_REPORT_GAP),
                (Duration) v.apply(Option.MIN_CLOSE_WAIT),
                (List<String>) v.apply(Option.APP_PACKAGES));
    }
}
