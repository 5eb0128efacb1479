package io.sockleak.cli.analyse;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.sockleak.cli.analyse.TestReport.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffCommandTest {

    private static final String FETCH = "com.example.http.Client.fetch(Client.java:42)";
    private static final String BORROW = "com.example.db.Pool.borrow(Pool.java:88)";
    private static final String DIAL = "com.example.rpc.Dialer.dial(Dialer.java:7)";
    private static final String SEND = "com.example.mail.Sender.send(Sender.java:9)";

    @TempDir
    Path dir;

    private Path old() {
        return report().at("2025-03-01T12:00:00Z").trackedOpen(10)
                .closeWait("a1b2c3d4", FETCH, 3)
                .collected("e5f6a7b8", BORROW, 1)
                .closeWait("99999999", SEND, 2)
                .listener("0.0.0.0:8080", 2, null)
                .writeTo(dir.resolve("old.json"));
    }

    private Path newer() {
        return report().at("2025-03-01T13:00:00Z").trackedOpen(12)
                .closeWait("a1b2c3d4", FETCH, 5)
                .closeWait("c9d0e1f2", DIAL, 2)
                .closeWait("99999999", SEND, 2)
                .untracked(1)
                .writeTo(dir.resolve("new.json"));
    }

    @Test
    void showsCountChangesAndSitesChangedAppearedVanished() {
        CliRunner.Result result = CliRunner.run("diff", old().toString(), newer().toString());

        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.contains("counts               old     new  change"), result.out());
        assertTrue(lines.contains("  leaks                6      10      +4"));
        assertTrue(lines.contains("  closeWait            5       9      +4"));
        assertTrue(lines.contains("  unaccepted           2       0      -2"));
        assertTrue(lines.contains("  collectedOpen        1       0      -1"));
        assertTrue(lines.contains("  untracked            0       1      +1"));
        assertTrue(lines.contains("  trackedOpen         10      12      +2"));

        assertTrue(lines.contains("sites changed (1)"));
        // Frames are printed whole: one that does not fit beside the numbers goes on a continuation line.
        assertEquals("            " + FETCH, lines.get(lines.indexOf("       3       5      +2  a1b2c3d4") + 1),
                "whole frames: " + result.out());
        assertTrue(lines.contains("sites appeared (2)"));
        assertTrue(lines.contains("       0       2      +2  c9d0e1f2   " + DIAL));
        assertTrue(lines.contains("       0       1      +1  untracked  (no stack known)"));
        assertTrue(lines.contains("  NOT leaks (not counted above)"));
        assertTrue(lines.contains("sites vanished (1)"));
        assertTrue(lines.contains("       1       0      -1  e5f6a7b8   " + BORROW));
        assertTrue(lines.contains("unchanged: 1 site"));
        assertFalse(result.out().contains("note:"));
        SummaryCommandTest.assertFitsTerminal(result.out());
    }

    @Test
    void jsonCarriesEverySiteWithItsStatus() throws Exception {
        CliRunner.Result result = CliRunner.run("diff", "--json", old().toString(), newer().toString());

        assertEquals(0, result.exit(), result.err());
        JsonNode json = ReportJson.mapper().readTree(result.out());
        assertTrue(json.path("sameProcess").asBoolean());
        assertEquals(4, json.path("counts").path("closeWait").path("change").asInt());
        assertEquals(5, json.path("counts").path("closeWait").path("old").asInt());
        assertEquals(9, json.path("counts").path("closeWait").path("new").asInt());
        JsonNode sites = json.path("sites");
        assertEquals(List.of("a1b2c3d4", "c9d0e1f2", "untracked", "e5f6a7b8", "99999999"),
                sites.findValuesAsText("site"));
        assertEquals(List.of("changed", "appeared", "appeared", "vanished", "unchanged"),
                sites.findValuesAsText("status"));
        assertEquals(List.of(2, 2, 1, -1, 0), sites.findValues("change").stream().map(JsonNode::asInt).toList());
        assertEquals(3, sites.get(0).path("old").asInt());
        assertEquals(5, sites.get(0).path("new").asInt());
    }

    @Test
    void notesDifferentProcessesAndReversedOrder() {
        Path a = report().process(1, "2025-03-01T10:00:00Z").at("2025-03-01T12:00:00Z")
                .closeWait("a1b2c3d4", FETCH, 1).writeTo(dir.resolve("a.json"));
        Path b = report().process(2, "2025-03-01T11:00:00Z").at("2025-03-01T11:30:00Z")
                .closeWait("a1b2c3d4", FETCH, 4).writeTo(dir.resolve("b.json"));

        CliRunner.Result result = CliRunner.run("diff", a.toString(), b.toString());

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("  note: OLD and NEW come from different process runs"), result.out());
        assertTrue(result.out().contains("  note: NEW was generated before OLD"), result.out());
        List<String> lines = result.out().lines().toList();
        assertEquals("            " + FETCH, lines.get(lines.indexOf("       1       4      +3  a1b2c3d4") + 1),
                result.out());
    }

    @Test
    void sameReportTwiceHasNoChange() {
        Path a = old();

        CliRunner.Result result = CliRunner.run("diff", a.toString(), a.toString());

        assertEquals(0, result.exit());
        assertTrue(result.out().lines().toList().contains("sites: no change (3 sites with the same counts)"),
                result.out());
    }

    @Test
    void agentSizedIdsShowAsTheirFirstEightCharactersAndFramesWhole() throws Exception {
        String longFrame = "org.example.service.orders.internal.http.OrderServiceHttpClient.postOrder"
                + "(OrderServiceHttpClient.java:317)";
        Path a = report().closeWait("9f2c4e1a7b3d5c60", longFrame, 1).writeTo(dir.resolve("a.json"));
        Path b = report().closeWait("9f2c4e1a7b3d5c60", longFrame, 3).untracked(1).writeTo(dir.resolve("b.json"));

        CliRunner.Result text = CliRunner.run("diff", a.toString(), b.toString());
        CliRunner.Result json = CliRunner.run("diff", "--json", a.toString(), b.toString());

        assertEquals(0, text.exit(), text.err());
        List<String> lines = text.out().lines().toList();
        assertEquals("            " + longFrame, lines.get(lines.indexOf("       1       3      +2  9f2c4e1a") + 1),
                "printed whole, never abbreviated: " + text.out());
        SummaryCommandTest.assertFitsTerminal(text.out());
        assertEquals("9f2c4e1a7b3d5c60", ReportJson.mapper().readTree(json.out()).path("sites").get(0)
                .path("site").asText());
    }

    @Test
    void needsTwoReports() {
        CliRunner.Result result = CliRunner.run("diff", old().toString());

        assertEquals(2, result.exit());
        assertEquals(List.of("sockleak diff: needs two reports, OLD and NEW, or a folder of reports; usage:"
                + " diff [--json] OLD NEW | diff [--json] FOLDER"), result.errLines());
    }

    @Test
    void aFolderComparesItsOldestAndNewestReports() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("series"));
        // Names sort against time: the order must come from generatedAt.
        report().at("2025-03-01T13:00:00Z").closeWait("a1b2c3d4", FETCH, 5)
                .writeTo(folder.resolve("sockleak-1-a.json"));
        report().at("2025-03-01T12:30:00Z").closeWait("a1b2c3d4", FETCH, 4)
                .writeTo(folder.resolve("sockleak-1-b.json"));
        report().at("2025-03-01T12:00:00Z").closeWait("a1b2c3d4", FETCH, 3)
                .writeTo(folder.resolve("sockleak-1-c.json"));

        CliRunner.Result result = CliRunner.run("diff", "--json", folder.toString());

        assertEquals(0, result.exit(), result.err());
        JsonNode json = ReportJson.mapper().readTree(result.out());
        assertTrue(json.path("old").path("file").asText().endsWith("sockleak-1-c.json"), result.out());
        assertTrue(json.path("new").path("file").asText().endsWith("sockleak-1-a.json"), result.out());
    }

    @Test
    void aFolderWithOneReportIsBadInput() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("single"));
        report().writeTo(folder.resolve("sockleak-1-a.json"));
        CliRunner.Result result = CliRunner.run("diff", folder.toString());
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("holds one report only; diff needs two"), result.err());
    }
}
