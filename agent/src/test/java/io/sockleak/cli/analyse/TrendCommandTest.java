package io.sockleak.cli.analyse;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.sockleak.cli.analyse.TestReport.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendCommandTest {

    private static final String FETCH = "com.example.http.Client.fetch(Client.java:42)";
    private static final String DIAL = "com.example.rpc.Dialer.dial(Dialer.java:7)";
    private static final String BORROW = "com.example.db.Pool.borrow(Pool.java:88)";
    /** Frames are printed whole: one that does not fit beside the numbers goes on a continuation line. */
    private static final String MORE = "            ";

    @TempDir
    Path dir;

    /** Three reports over four hours, named so that file order is not time order. */
    private Path threeReports() {
        Path folder = dir.resolve("reports");
        report().at("2025-03-01T12:00:00Z").trigger("interval")
                .closeWait("a1b2c3d4", FETCH, 2).collected("e5f6a7b8", BORROW, 2)
                .writeTo(folder.resolve("sockleak-4242-20250301T120000.000-c.json"));
        report().at("2025-03-01T14:00:00Z").trigger("interval")
                .closeWait("a1b2c3d4", FETCH, 6).closeWait("c9d0e1f2", DIAL, 1).collected("e5f6a7b8", BORROW, 2)
                .writeTo(folder.resolve("sockleak-4242-20250301T140000.000-a.json"));
        report().at("2025-03-01T16:00:00Z").trigger("exit")
                .closeWait("a1b2c3d4", FETCH, 10).closeWait("c9d0e1f2", DIAL, 3).untracked(1)
                .writeTo(folder.resolve("sockleak-4242-20250301T160000.000-b.json"));
        return folder;
    }

    @Test
    void folderGivesOneSeriesInTimeOrderFastestSiteFirst() {
        CliRunner.Result result = CliRunner.run("trend", threeReports().toString());

        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("sockleak trend  3 reports, 1 process run", lines.get(0));
        assertTrue(lines.contains("pid 4242, com.example.Main, agent started " + TestReport.STARTED), result.out());
        assertTrue(lines.contains("  3 reports from 2025-03-01T12:00:00Z to 2025-03-01T16:00:00Z (4.00 h)"));
        int header = lines.indexOf("  rate/h  first   last  counts  site       application frame");
        assertTrue(header > 0, result.out());
        assertEquals(List.of(
                "   +2.50      4     14  ▃▆█     (all leaks)",
                "   +2.00      2     10  ▂▅█     a1b2c3d4",
                MORE + FETCH,
                "   +0.75      0      3  ▁▃█     c9d0e1f2",
                MORE + DIAL,
                "   +0.25      0      1  ▁▁█     untracked  (no stack known)",
                "   -0.50      2      0  ██▁     e5f6a7b8",
                MORE + BORROW),
                lines.subList(header + 1, lines.size()));
        SummaryCommandTest.assertFitsTerminal(result.out());
    }

    @Test
    void asciiFlagDrawsTheSparklineWithAsciiCharacters() {
        CliRunner.Result result = CliRunner.run("trend", "--ascii", threeReports().toString());

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().lines().toList().contains("   +2.00      2     10  .=#     a1b2c3d4"), result.out());
        assertTrue(result.out().lines().toList().contains(MORE + FETCH), result.out());
        assertTrue(result.out().chars().allMatch(c -> c < 128), "ASCII only");
    }

    @Test
    void filesGivenInAnyOrderAreSortedByGeneratedAtAndDuplicatesCountOnce() throws Exception {
        Path folder = threeReports();
        List<String> files;
        try (var stream = Files.list(folder)) {
            files = stream.map(Path::toString).sorted().toList();
        }

        CliRunner.Result result = CliRunner.run("trend", "--json", files.get(2), files.get(0), files.get(1),
                files.get(0), folder.toString());

        assertEquals(0, result.exit(), result.err());
        JsonNode json = ReportJson.mapper().readTree(result.out());
        assertEquals(3, json.path("reports").asInt());
        JsonNode process = json.path("processes").get(0);
        assertEquals(List.of("2025-03-01T12:00:00Z", "2025-03-01T14:00:00Z", "2025-03-01T16:00:00Z"),
                process.path("reports").findValuesAsText("generatedAt"));
        assertEquals(4.0, process.path("hours").asDouble());
        assertEquals(List.of(4, 9, 14), ints(process.path("leaks").path("counts")));
        assertEquals(2.5, process.path("leaks").path("ratePerHour").asDouble());
        JsonNode fetch = process.path("sites").get(0);
        assertEquals("a1b2c3d4", fetch.path("site").asText());
        assertEquals(List.of(2, 6, 10), ints(fetch.path("counts")));
        assertEquals(2, fetch.path("first").asInt());
        assertEquals(10, fetch.path("last").asInt());
        assertEquals(2.0, fetch.path("ratePerHour").asDouble());
        assertEquals(List.of("a1b2c3d4", "c9d0e1f2", "untracked", "e5f6a7b8"),
                process.path("sites").findValuesAsText("site"));
    }

    @Test
    void reportsOfDifferentProcessRunsAreSeparateSeries() throws Exception {
        report().process(4242, "2025-03-01T10:00:00Z").at("2025-03-01T11:00:00Z").closeWait("a1b2c3d4", FETCH, 1)
                .writeTo(dir.resolve("sockleak-4242-1.json"));
        report().process(4242, "2025-03-01T10:00:00Z").at("2025-03-01T13:00:00Z").closeWait("a1b2c3d4", FETCH, 7)
                .writeTo(dir.resolve("sockleak-4242-2.json"));
        // Same pid reused after a restart: a different run.
        report().process(4242, "2025-03-01T14:00:00Z").at("2025-03-01T15:00:00Z").closeWait("a1b2c3d4", FETCH, 2)
                .writeTo(dir.resolve("sockleak-4242-3.json"));

        CliRunner.Result text = CliRunner.run("trend", dir.toString());
        CliRunner.Result json = CliRunner.run("trend", "--json", dir.toString());

        assertEquals(0, text.exit(), text.err());
        List<String> lines = text.out().lines().toList();
        assertEquals("sockleak trend  3 reports, 2 process runs", lines.get(0));
        assertTrue(lines.contains("pid 4242, com.example.Main, agent started 2025-03-01T10:00:00Z"));
        assertTrue(lines.contains("pid 4242, com.example.Main, agent started 2025-03-01T14:00:00Z"));
        assertEquals(MORE + FETCH, lines.get(lines.indexOf("   +3.00      1      7  ▂█      a1b2c3d4") + 1),
                text.out());
        assertTrue(lines.contains("  1 report at 2025-03-01T15:00:00Z; a rate needs two"));
        assertEquals(MORE + FETCH, lines.get(lines.indexOf("     n/a      2      2  █       a1b2c3d4") + 1),
                text.out());

        JsonNode processes = ReportJson.mapper().readTree(json.out()).path("processes");
        assertEquals(2, processes.size());
        assertEquals(3.0, processes.get(0).path("sites").get(0).path("ratePerHour").asDouble());
        assertTrue(processes.get(1).path("sites").get(0).path("ratePerHour").isNull());
    }

    @Test
    void aReportWithoutGeneratedAtCannotBeOrdered() throws Exception {
        Path undated = Files.writeString(dir.resolve("undated.json"), "{\"schemaVersion\":1,\"trigger\":\"exit\"}");

        CliRunner.Result result = CliRunner.run("trend", undated.toString());

        assertEquals(2, result.exit());
        assertEquals(List.of("sockleak trend: " + undated + ": generatedAt is missing; trend needs it to order"
                + " the reports"), result.errLines());
    }

    @Test
    void aFolderWithoutReportsIsBadInput() {
        CliRunner.Result result = CliRunner.run("trend", dir.toString());

        assertEquals(2, result.exit());
        assertEquals(List.of("sockleak trend: " + dir + ": folder holds no sockleak-*.json reports"),
                result.errLines());
    }

    @Test
    void emptyReportsGiveZeroSeries() throws Exception {
        Files.writeString(dir.resolve("sockleak-1-a.json"),
                "{\"schemaVersion\":1,\"trigger\":\"exit\",\"generatedAt\":\"2025-03-01T12:00:00Z\"}");
        Files.writeString(dir.resolve("sockleak-1-b.json"),
                "{\"schemaVersion\":1,\"trigger\":\"exit\",\"generatedAt\":\"2025-03-01T12:30:00Z\"}");

        CliRunner.Result result = CliRunner.run("trend", dir.toString());

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().lines().toList().contains("    0.00      0      0  ▁▁      (all leaks)"),
                result.out());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.asInt()));
        return values;
    }
}
