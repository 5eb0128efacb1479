package io.sockleak.cli.analyse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.sockleak.cli.analyse.TestReport.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A report from a newer agent of the same schema version may carry fields this CLI does not know. */
class UnknownFieldsTest {

    @TempDir
    Path dir;

    @Test
    void extraFieldsAtEveryLevelAreRead() throws Exception {
        JsonNode tree = ReportJson.mapper().readTree(ReportJson.toBytes(report()
                .closeWait("a1b2c3d4", "com.example.A.a(A.java:1)", 2)
                .untracked(1)
                .listener("0.0.0.0:8080", 1, "com.example.S.s(S.java:2)")
                .build()));
        addUnknown(tree);
        addUnknown(tree.path("process"));
        addUnknown(tree.path("process").path("fds"));
        addUnknown(tree.path("agent"));
        addUnknown(tree.path("kernel"));
        addUnknown(tree.path("summary"));
        addUnknown(tree.path("leaks").get(0));
        addUnknown(tree.path("sites").get(0));
        addUnknown(tree.path("listeners").get(0));
        addUnknown(tree.path("listeners").get(0).path("unaccepted").get(0));
        Path file = dir.resolve("sockleak-4242-future.json");
        Files.write(file, ReportJson.mapper().writeValueAsBytes(tree));

        CliRunner.Result summary = CliRunner.run("summary", "--json", file.toString());
        CliRunner.Result diff = CliRunner.run("diff", file.toString(), file.toString());
        CliRunner.Result trend = CliRunner.run("trend", file.toString());

        assertEquals(0, summary.exit(), summary.err());
        JsonNode answer = ReportJson.mapper().readTree(summary.out());
        assertEquals(3, answer.path("counts").path("leaks").asInt());
        assertEquals(2, answer.path("sites").get(0).path("count").asInt());
        assertEquals(1, answer.path("listeners").get(0).path("acceptQueue").asInt());
        assertEquals(0, diff.exit(), diff.err());
        assertEquals(0, trend.exit(), trend.err());
    }

    private static void addUnknown(JsonNode node) {
        ObjectNode object = (ObjectNode) node;
        object.put("addedInTheFuture", "x");
        object.putObject("futureBlock").put("depth", 1).putArray("items").add(1);
    }
}
