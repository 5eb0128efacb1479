package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Instants;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the page writes times, counts and what it left out. */
final class Words {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Words() {
    }

    static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    /** A report's ISO-8601 time as the page writes times; the text as it is when it is not one. */
    static String time(String iso) {
        return Instants.parse(iso).map(Words::time).orElse(iso == null ? "-" : iso);
    }

    /** The time of day only, for a chart's axis when both ends are on the same day. */
    static String clock(Instant at) {
        return CLOCK.format(at);
    }
}
