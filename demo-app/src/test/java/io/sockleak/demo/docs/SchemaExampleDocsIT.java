package io.sockleak.demo.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/report-schema.md's complete example: {@code docs/examples/run-shop.sh} run as the doc says (from a folder
 * laid out as the repository, on the JDK running the tests), and its on-demand report compared with the one
 * shown by structure ({@link JsonExcerpt}: every key, array length and word; numbers, ids and times aside).
 */
class SchemaExampleDocsIT {

    private static final Path SCHEMA_DOC = DocOutputs.doc("docs/report-schema.md");
    private static final JsonMapper MAPPER = new JsonMapper();

    @TempDir
    Path work;

    @Test
    void theCompleteExampleIsWhatRunShopWrites() throws Exception {
        Cli.layOut(work);
        Path log = work.resolve("run-shop.log");
        ProcessBuilder script = new ProcessBuilder("sh", "docs/examples/run-shop.sh", work.resolve("shop").toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // The script types java and javac: the JDK the tests run on.
        script.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv("PATH"));
        Process run = script.start();
        Cli.finish(run, script.command());
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), output);

        List<Path> onDemand;
        try (Stream<Path> files = Files.list(work.resolve("shop"))) {
            onDemand = files.filter(f -> f.getFileName().toString().endsWith("-on-demand.json")).toList();
        }
        assertEquals(1, onDemand.size(), onDemand + "\n" + output);
        String report = Files.readString(onDemand.get(0), StandardCharsets.UTF_8);
        assertTrue(report.contains("\"mainClass\" : \"Shop\""), report);
        DocOutputs.check(SCHEMA_DOC, "shop-report", inShownOrder(report), work, DocOutputs.Shape.JSON,
                // the doc's folder is the script's default; where the rows came from depends on the JDK
                "/tmp/sockleak-docs/shop", "/tmp/sockleak-shop",
                "\"tableSource\" : \"(proc|netlink)\"", "\"tableSource\" : \"proc or netlink\"");
    }

    /**
     * The report with its listeners and open sites in the order the doc shows them. A report lists listeners
     * by port and open sites by count and site id; Shop's ports are ephemeral and a JDK-internal stack's id
     * differs between JDKs, so both orders change from run to run. What opened each entry does not (api,
     * thread, frame, outermost frame), and that is what matches a printed entry to a shown one.
     */
    private static String inShownOrder(String report) throws IOException {
        JsonNode shown = MAPPER.readTree(DocOutputs.shown(SCHEMA_DOC, "shop-report"));
        ObjectNode printed = (ObjectNode) MAPPER.readTree(report);
        for (String array : List.of("listeners", "openBySite")) {
            List<JsonNode> left = new ArrayList<>();
            printed.withArray(array).forEach(left::add);
            ArrayNode ordered = MAPPER.createArrayNode();
            for (JsonNode wanted : shown.path(array)) {
                left.stream().filter(e -> opener(e).equals(opener(wanted))).findFirst().ifPresent(e -> {
                    ordered.add(e);
                    left.remove(e);
                });
            }
            left.forEach(ordered::add); // printed but not shown: the comparison names them
            printed.set(array, ordered);
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(printed);
    }

    private static String opener(JsonNode entry) {
        JsonNode stack = entry.path("stack");
        String outermost = stack.isEmpty() ? "" : stack.get(stack.size() - 1).asText().replaceAll("\\d", "");
        return entry.path("api").asText() + "|" + entry.path("thread").asText() + "|" + entry.path("frame").asText()
                + "|" + outermost;
    }
}
