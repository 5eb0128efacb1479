package io.sockleak.cli.analyse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the ISO-8601 instants of a report ({@code generatedAt}, {@code openedAt}, ...). Only years
 * {@value #FIRST_YEAR} to {@value #LAST_YEAR} are instants a report can hold; others (a corrupt or
 * hostile report's year 1000000000) are not taken, so no time arithmetic overflows.
 */
public final class Instants {

    private Instants() {
    }

    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 9999;
    private static final Instant FIRST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LAST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    public static Optional<Instant> parse(String text) {
        return parseAnyYear(text).filter(i -> !i.isBefore(FIRST) && i.isBefore(AFTER_LAST));
    }

    private static Optional<Instant> parseAnyYear(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
