package io.sockleak.cli.analyse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the ISO-8601 instants of a report ({@code generatedAt}, {@code openedAt}, ...). */
public final class Instants {

    private Instants() {
    }

    public static Optional<Instant> parse(String text) {
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
