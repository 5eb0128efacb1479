package io.sockleak.e2e.pools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A report as JSON, read with the field names of the schema-2 contract (leaks[].evidence, pool,
 * borrowStack, frame; stalePooled[]; summary.stalePooled, young), not through the agent's model
 * classes: the tests state the contract, whatever the model of the day holds.
 */
record PoolReport(Path file, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PoolReport read(Path file) {
        try {
            return new PoolReport(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String trigger() {
        return json.path("trigger").asText();
    }

    List<JsonNode> leaks() {
        return list("leaks");
    }

    List<JsonNode> leaks(Predicate<JsonNode> filter) {
        return leaks().stream().filter(filter).toList();
    }

    List<JsonNode> stalePooled() {
        return list("stalePooled");
    }

    /** A summary count; -1 when the report has no such field (an assertion then fails with the report). */
    int summary(String field) {
        JsonNode n = json.path("summary").path(field);
        return n.isInt() ? n.asInt() : -1;
    }

    private List<JsonNode> list(String field) {
        List<JsonNode> out = new ArrayList<>();
        json.path(field).forEach(out::add);
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public String toString() {
        return file + ":\n" + json.toPrettyString();
    }
}
