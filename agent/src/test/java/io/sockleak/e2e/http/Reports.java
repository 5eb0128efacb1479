package io.sockleak.e2e.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reports a child wrote, read as JSON trees rather than through the report model: these tests
 * check the schemaVersion 2 fields (evidence, pool, stalePooled, young) by their names in the
 * contract, whatever the model classes look like.
 */
final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reports() {
    }

    /** Every report in {@code dir}, oldest first (the file names sort by time). */
    static List<JsonNode> in(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<JsonNode> reports = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode report = JSON.readTree(file.toFile());
                ((com.fasterxml.jackson.databind.node.ObjectNode) report).put("_file", file.getFileName().toString());
                reports.add(report);
            }
            return reports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> withTrigger(List<JsonNode> reports, String trigger) {
        return reports.stream().filter(r -> r.path("trigger").asText().equals(trigger)).toList();
    }

    static List<JsonNode> leaks(JsonNode report) {
        return list(report.path("leaks"));
    }

    static List<JsonNode> stalePooled(JsonNode report) {
        return list(report.path("stalePooled"));
    }

    /** summary.young, or -1 when the report has no such count (schema 1). */
    static int young(JsonNode report) {
        return report.path("summary").path("young").asInt(-1);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** One line per report: what a failing assertion should show. */
    static String describe(List<JsonNode> reports) {
        StringBuilder text = new StringBuilder();
        for (JsonNode r : reports) {
            text.append(r.path("_file").asText(r.path("trigger").asText())).append(": summary ")
                    .append(r.path("summary")).append(" leaks ").append(brief(leaks(r)))
                    .append(" stalePooled ").append(brief(stalePooled(r))).append('\n');
        }
        return text.toString();
    }

    private static String brief(List<JsonNode> entries) {
        StringBuilder text = new StringBuilder("[");
        for (JsonNode e : entries) {
            text.append("{kind=").append(e.path("kind").asText(null)).append(" evidence=").append(e.path("evidence").asText(null))
                    .append(" pool=").append(e.path("pool").asText(null)).append(" state=").append(e.path("state").asText(null))
                    .append(" frame=").append(e.path("frame").asText(null)).append(" closeWaitSeconds=")
                    .append(e.path("closeWaitSeconds").asText(null)).append("} ");
        }
        return text.append(']').toString();
    }
}
