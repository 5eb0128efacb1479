package io.sockleak.cli.analyse;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.sockleak.cli.analyse.TestReport.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code summary} over a folder or several reports: the reports of a test suite's forks, as CI has them. */
class SummaryOfManyTest {

    private static final String LEAKY_TEST = "com.example.LeakyTest.opensAndForgets(LeakyTest.java:31)";

    @TempDir
    Path dir;

    /** Three forks' shutdown reports, written out of time order; the middle one (in time) leaks. */
    private Path forks() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("forks"));
        report().process(301, "2025-03-01T10:00:00Z").at("2025-03-01T10:00:30Z").trigger("shutdown")
                .writeTo(folder.resolve("sockleak-301-20250301T100030.000-shutdown.json"));
        report().process(102, "2025-03-01T10:00:00Z").at("2025-03-01T10:00:20Z").trigger("shutdown")
                .closeWait("a1b2c3d4", LEAKY_TEST, 2)
                .writeTo(folder.resolve("sockleak-102-20250301T100020.000-shutdown.json"));
        report().process(203, "2025-03-01T10:00:00Z").at("2025-03-01T10:00:10Z").trigger("shutdown")
                .writeTo(folder.resolve("sockleak-203-20250301T100010.000-shutdown.json"));
        Files.writeString(folder.resolve("notes.txt"), "not a report: ignored");
        return folder;
    }

    @Test
    void aFolderIsListedOldestFirstThenEachLeakingReportExplained() throws IOException {
        CliRunner.Result result = CliRunner.run("summary", forks().toString());

        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("sockleak summary  3 reports from 3 processes, 1 with leaks", lines.get(0));
        assertEquals("  leaks  report, oldest first", lines.get(2));
        assertTrue(lines.get(3).matches("      0  .*/sockleak-203-20250301T100010.000-shutdown.json"), result.out());
        assertTrue(lines.get(4).matches("      2  .*/sockleak-102-20250301T100020.000-shutdown.json"), result.out());
        assertTrue(lines.get(5).matches("      0  .*/sockleak-301-20250301T100030.000-shutdown.json"), result.out());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("sockleak summary  ") && l.endsWith(".json")).count(),
                "only the leaking report's page:\n" + result.out());
        assertTrue(lines.contains("       2  " + LEAKY_TEST), result.out());
        SummaryCommandTest.assertFitsTerminal(result.out());
    }

    @Test
    void failOnLeakFailsWhenAnyReportLeaks() throws IOException {
        Path folder = forks();
        assertEquals(1, CliRunner.run("summary", "--fail-on-leak", folder.toString()).exit());

        Files.delete(folder.resolve("sockleak-102-20250301T100020.000-shutdown.json"));
        CliRunner.Result clean = CliRunner.run("summary", "--fail-on-leak", folder.toString());
        assertEquals(0, clean.exit(), clean.out());
        assertEquals("sockleak summary  2 reports from 2 processes, none with leaks", clean.out().lines().findFirst()
                .orElseThrow());
    }

    @Test
    void filesAndFoldersMixAndAReportNamedTwiceCountsOnce() throws IOException {
        Path folder = forks();
        Path leaky = folder.resolve("sockleak-102-20250301T100020.000-shutdown.json");
        CliRunner.Result result = CliRunner.run("summary", leaky.toString(), folder.toString());
        assertTrue(result.out().startsWith("sockleak summary  3 reports from 3 processes"), result.out());
    }

    @Test
    void severalReportsOfOneProcessAreOneProcess() {
        Path a = report().process(7, "2025-03-01T10:00:00Z").at("2025-03-01T10:05:00Z").trigger("interval")
                .closeWait("a1b2c3d4", LEAKY_TEST, 1).writeTo(dir.resolve("sockleak-7-a.json"));
        Path b = report().process(7, "2025-03-01T10:00:00Z").at("2025-03-01T10:10:00Z").trigger("shutdown")
                .closeWait("a1b2c3d4", LEAKY_TEST, 3).writeTo(dir.resolve("sockleak-7-b.json"));
        CliRunner.Result result = CliRunner.run("summary", b.toString(), a.toString());
        assertTrue(result.out().startsWith("sockleak summary  2 reports from 1 process, 2 with leaks"), result.out());
    }

    @Test
    void jsonHoldsEveryReportsAnswerOldestFirst() throws IOException {
        CliRunner.Result result = CliRunner.run("summary", "--json", forks().toString());

        assertEquals(0, result.exit(), result.err());
        JsonNode json = ReportJson.mapper().readTree(result.out());
        assertEquals(3, json.get("reports").asInt());
        assertEquals(3, json.get("processes").asInt());
        assertEquals(1, json.get("reportsWithLeaks").asInt());
        assertTrue(json.get("hasLeaks").asBoolean());
        assertEquals(List.of(203L, 102L, 301L), json.get("summaries").findValues("pid").stream()
                .map(JsonNode::asLong).toList());
        assertFalse(json.get("summaries").get(0).get("hasLeaks").asBoolean());
    }

    @Test
    void aFolderPerForkUnderOneParentIsReadWhole() throws IOException {
        Path parent = Files.createDirectories(dir.resolve("sockleak-reports"));
        report().process(11, "2025-03-01T10:00:00Z").at("2025-03-01T10:00:10Z")
                .writeTo(Files.createDirectories(parent.resolve("surefire-1")).resolve("sockleak-11-a-shutdown.json"));
        report().process(12, "2025-03-01T10:00:00Z").at("2025-03-01T10:00:20Z").closeWait("a1b2c3d4", LEAKY_TEST, 1)
                .writeTo(Files.createDirectories(parent.resolve("surefire-2")).resolve("sockleak-12-a-shutdown.json"));
        CliRunner.Result result = CliRunner.run("summary", "--fail-on-leak", parent.toString());
        assertEquals(1, result.exit(), result.err());
        assertTrue(result.out().startsWith("sockleak summary  2 reports from 2 processes, 1 with leaks"), result.out());
    }

    @Test
    void oneReportInAFolderIsThatReportsPage() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("one"));
        report().closeWait("a1b2c3d4", LEAKY_TEST, 1).writeTo(folder.resolve("sockleak-1-x-shutdown.json"));
        CliRunner.Result result = CliRunner.run("summary", folder.toString());
        assertTrue(result.out().startsWith("sockleak summary  " + folder.resolve("sockleak-1-x-shutdown.json")),
                result.out());
    }

    @Test
    void aFolderWithoutReportsIsBadInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRunner.Result result = CliRunner.run("summary", "--fail-on-leak", empty.toString());
        assertEquals(2, result.exit());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("holds no sockleak-*.json reports"), result.err());
    }
}
