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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryCommandTest {

    private static final String FETCH = "com.example.http.Client.fetch(Client.java:42)";
    private static final String BORROW = "com.example.db.Pool.borrow(Pool.java:88)";

    @TempDir
    Path dir;

    private Path leakyReport() {
        return report().trackedOpen(10)
                .collected("e5f6a7b8", BORROW, 1)
                .closeWait("a1b2c3d4", FETCH, 3)
                .untracked(1)
                .listener("0.0.0.0:8080", 2, "com.example.Server.start(Server.java:20)")
                .writeTo(dir.resolve("leaky.json"));
    }

    @Test
    void pageShowsProcessCountsRankedSitesListenersAndMeanings() {
        CliRunner.Result result = CliRunner.run("summary", leakyReport().toString());

        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.contains("  process     pid 4242, com.example.Main"), result.out());
        assertTrue(lines.contains("  generated   2025-03-01T12:00:00Z"));
        assertTrue(lines.contains("  trigger     manual"));
        assertTrue(lines.contains("  leaks                    5"));
        assertTrue(lines.contains("    CLOSE_WAIT             3"));
        assertTrue(lines.contains("    collected open         1"));
        assertTrue(lines.contains("    untracked              1"));
        assertTrue(lines.contains("  unaccepted               2"));
        assertTrue(lines.contains("  tracked open            10"));
        assertTrue(lines.contains("  NOT leaks (not counted above)"));
        assertTrue(lines.contains("    stale pooled           0"));
        assertTrue(lines.contains("    young                  0"));

        int fetch = lines.indexOf("       3  " + FETCH);
        int borrow = lines.indexOf("       1  " + BORROW);
        assertTrue(fetch > 0 && borrow > fetch, "sites ranked by count:\n" + result.out());
        assertEquals("          site a1b2c3d4: 3 CLOSE_WAIT", lines.get(fetch + 1));
        assertEquals("          evidence (3): in CLOSE_WAIT, seen by more than one look", lines.get(fetch + 2));
        assertEquals("            at java.base/java.net.Socket.connect(Socket.java:633)", lines.get(fetch + 3));
        assertEquals("            at " + FETCH, lines.get(fetch + 4));
        assertEquals("            at com.example.Pool.loop(Pool.java:40)", lines.get(fetch + 7), "five frames");
        assertEquals("       1  " + BORROW, lines.get(fetch + 8));
        assertEquals("          site e5f6a7b8: 1 collected open", lines.get(borrow + 1));
        assertEquals("          evidence (1): garbage-collected while open", lines.get(borrow + 2));

        assertTrue(lines.contains("  10.0.0.1:50000 -> 10.0.0.2:5432  ESTABLISHED  CLOSE_WAIT_AGED"), result.out());
        assertTrue(lines.contains("             2  0.0.0.0:8080"));
        assertTrue(lines.contains("                opened at com.example.Server.start(Server.java:20)"));
        assertTrue(lines.contains("                waiting: 127.0.0.1:60000, 127.0.0.1:60001"));

        assertTrue(result.out().contains("  CLOSE_WAIT_AGED (4): the peer closed the connection, the agent saw it"
                + " in\n    CLOSE_WAIT at more than one look"), result.out());
        assertTrue(result.out().contains("  unaccepted (2): connections wait"));
        assertTrue(result.out().contains("the accept loop is"));
        assertTrue(result.out().contains("  COLLECTED_OPEN (1): a socket was dropped without close()"));
        assertTrue(result.out().contains("  untracked (1): "));
        assertFitsTerminal(result.out());
    }

    @Test
    void topLimitsTheSitesShownAndSaysHowManyAreLeft() {
        CliRunner.Result result = CliRunner.run("summary", "--top", "1", leakyReport().toString());

        assertEquals(0, result.exit());
        assertTrue(result.out().contains("       3  " + FETCH));
        assertFalse(result.out().contains(BORROW));
        assertTrue(result.out().lines().toList().contains("  ... 1 more site with 1 leak (--top 0 lists all)"));
    }

    @Test
    void jsonCarriesTheSameAnswer() throws Exception {
        CliRunner.Result result = CliRunner.run("summary", "--json", leakyReport().toString());

        assertEquals(0, result.exit(), result.err());
        JsonNode json = ReportJson.mapper().readTree(result.out());
        assertEquals(5, json.path("counts").path("leaks").asInt());
        assertEquals(3, json.path("counts").path("closeWait").asInt());
        assertEquals(2, json.path("counts").path("unaccepted").asInt());
        assertEquals(10, json.path("counts").path("trackedOpen").asInt());
        assertTrue(json.path("hasLeaks").asBoolean());
        assertEquals(4242, json.path("process").path("pid").asLong());
        assertEquals("a1b2c3d4", json.path("sites").get(0).path("site").asText());
        assertEquals(1, json.path("sites").get(0).path("rank").asInt());
        assertEquals(3, json.path("sites").get(0).path("kinds").path("CLOSE_WAIT").asInt());
        assertEquals(FETCH, json.path("sites").get(0).path("frame").asText());
        assertEquals(5, json.path("sites").get(0).path("shortStack").size());
        assertEquals("e5f6a7b8", json.path("sites").get(1).path("site").asText());
        assertEquals(1, json.path("untracked").size());
        assertEquals(2, json.path("listeners").get(0).path("acceptQueue").asInt());
        assertEquals(List.of("CLOSE_WAIT_AGED", "COLLECTED_OPEN", "untracked", "unaccepted"),
                json.path("meanings").findValuesAsText("kind"));
    }

    @Test
    void failOnLeakExitsOneWhenTheReportHoldsLeaks() {
        assertEquals(1, CliRunner.run("summary", "--fail-on-leak", leakyReport().toString()).exit());
        assertEquals(1, CliRunner.run("summary", "--json", "--fail-on-leak", leakyReport().toString()).exit());
        assertEquals(0, CliRunner.run("summary", leakyReport().toString()).exit(), "only with the flag");
    }

    @Test
    void failOnLeakExitsZeroWithoutLeaks() {
        Path clean = report().trackedOpen(3).listener("0.0.0.0:8080", 0, null).writeTo(dir.resolve("clean.json"));

        CliRunner.Result result = CliRunner.run("summary", "--fail-on-leak", clean.toString());

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().lines().toList().contains("leaking sites: none"));
        assertTrue(result.out().lines().toList().contains(
                "  no leaks, no unaccepted connections and nothing stale in this report."));
    }

    @Test
    void unacceptedConnectionsAloneAreNotLeaks() {
        Path stuck = report().listener("0.0.0.0:9090", 4, null).writeTo(dir.resolve("stuck.json"));

        assertEquals(0, CliRunner.run("summary", "--fail-on-leak", stuck.toString()).exit());
    }

    @Test
    void aMinimalReportWithNullsAndNoListsIsSummarised() throws Exception {
        Path minimal = Files.writeString(dir.resolve("minimal.json"), "{\"schemaVersion\":1,\"trigger\":\"exit\","
                + "\"sites\":[{\"site\":null,\"count\":2}],\"leaks\":[{\"kind\":null}],"
                + "\"listeners\":[{\"local\":null,\"acceptQueue\":-1}]}");

        CliRunner.Result text = CliRunner.run("summary", "--fail-on-leak", minimal.toString());
        CliRunner.Result json = CliRunner.run("summary", "--json", minimal.toString());

        assertEquals(1, text.exit(), text.err());
        assertEquals("", text.err());
        assertTrue(text.out().lines().toList().contains("  process     unknown (no process block)"), text.out());
        assertTrue(text.out().lines().toList().contains("       2  (no frame recorded)"), text.out());
        assertTrue(text.out().lines().toList().contains("             ?  -"), "queue unknown: " + text.out());
        assertEquals(0, json.exit(), json.err());
    }

    @Test
    void needsAReport() {
        CliRunner.Result result = CliRunner.run("summary");

        assertEquals(2, result.exit());
        assertEquals(List.of("sockleak summary: needs a REPORT, or a folder of reports; usage: summary [--json]"
                + " [--fail-on-leak] [--top N] [--frames N] REPORT|FOLDER..."), result.errLines());
    }

    @Test
    void unknownOptionIsOneLineExitTwo() {
        CliRunner.Result result = CliRunner.run("summary", "--verbose", leakyReport().toString());

        assertEquals(2, result.exit());
        assertEquals(1, result.errLines().size());
        assertTrue(result.err().startsWith("sockleak summary: unknown option '--verbose'"));
    }

    /**
     * Every line fits 80 columns, but for a frame too long for any line: frames are printed whole, so such a
     * frame is the last thing on its line.
     */
    static void assertFitsTerminal(String page) {
        for (String line : page.lines().toList()) {
            String lastToken = line.substring(line.lastIndexOf(' ') + 1);
            assertTrue(line.length() <= 80 || lastToken.length() > 60 && lastToken.endsWith(")")
                    && line.length() - lastToken.length() <= 80, "longer than 80 columns: " + line);
        }
    }
}
