package io.sockleak.cli.analyse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Schema-2 reports: verdicts (leaks with evidence, stale pooled, young) and the one frame rule in every command. */
class VerdictsPageTest {

    private static final String CONNECT = "java.base/java.net.Socket.connect(Socket.java:633)";
    private static final String PG = "org.postgresql.core.PGStream.createSocket(PGStream.java:243)";
    private static final String HIKARI = "com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:476)";
    private static final String REPO = "io.sockleak.demo.OrderRepository.find(OrderRepository.java:58)";
    private static final String REPO_TOO = "io.sockleak.demo.OrderRepository.find(OrderRepository.java:58)";
    private static final String BORROW_JDK = "java.base/java.lang.reflect.Method.invoke(Method.java:568)";
    private static final String BORROWER = "io.sockleak.demo.CheckoutService.pay(CheckoutService.java:91)";
    private static final String ACCEPT = "io.sockleak.demo.AcceptNoClose.main(AcceptNoClose.java:44)";
    private static final String LONG = "io.sockleak.demo.orders.internal.persistence.OrderPersistenceGateway"
            + ".loadOrderWithLines(OrderPersistenceGateway.java:1207)";
    private static final String ADVICE = "set maxLifetime below the server's idle timeout (wait_timeout, "
            + "idle_in_transaction_session_timeout) so that HikariCP retires connections before the peer closes them";

    @TempDir
    Path dir;

    private static List<String> pgStack(String appFrame) {
        return List.of(CONNECT, PG, HIKARI, appFrame, "io.sockleak.demo.Main.main(Main.java:12)");
    }

    /** Two sites that share REPO (reached through different library paths), a borrow leak, stale, young. */
    private TestReport verdicts() {
        List<String> otherPath = List.of(CONNECT, "org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect"
                + "(ConnectionFactoryImpl.java:136)", REPO_TOO, "io.sockleak.demo.Main.main(Main.java:12)");
        return report().trackedOpen(9)
                .site("1111aaaa2222bbbb", ACCEPT, null, List.of("java.base/java.net.ServerSocket.accept"
                        + "(ServerSocket.java:532)", ACCEPT))
                .evidence("1111aaaa2222bbbb", "CLOSE_WAIT_AGED", 12, 3)
                .evidence("1111aaaa2222bbbb", "READ_EOF_KEPT", 15, 1)
                .site("3333cccc4444dddd", REPO, PG, pgStack(REPO))
                .borrowed("3333cccc4444dddd", "HikariCP", List.of(BORROW_JDK, BORROWER,
                        "io.sockleak.demo.Main.main(Main.java:20)"), 31, 2)
                .site("5555eeee6666ffff", REPO_TOO, "org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect"
                        + "(ConnectionFactoryImpl.java:136)", otherPath)
                .evidence("5555eeee6666ffff", "OPEN_AT_EXIT", 0, 1)
                .site("7777aaaa8888bbbb", REPO, PG, pgStack(REPO))
                .evidence("7777aaaa8888bbbb", "COLLECTED_OPEN", 0, 1)
                .site("9999cccc0000dddd", LONG, PG, pgStack(LONG))
                .evidence("9999cccc0000dddd", "CLOSE_WAIT_AGED", 40, 1)
                .site("abababababababab", null, HIKARI, List.of(CONNECT, PG, HIKARI,
                        "java.lang.Thread.run(Thread.java:840)"))
                .stale("HikariCP", "abababababababab", 95, ADVICE, 3)
                .young(2);
    }

    @Test
    void summaryShowsEvidenceInWordsAndLeadsWithTheApplicationFrame() {
        Path file = verdicts().writeTo(dir.resolve("verdicts.json"));

        CliRunner.Result result = CliRunner.run("summary", file.toString());

        assertEquals(0, result.exit(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.contains("       4  " + ACCEPT), "the application's line, whole:\n" + result.out());
        assertTrue(lines.contains("          evidence (3): CLOSE_WAIT for 12 s, seen by more than one look"));
        assertTrue(result.out().contains("          evidence (1): read end-of-stream and kept the socket (CLOSE_WAIT"
                + " for\n            15 s)"), result.out());
        assertTrue(result.out().contains("          evidence (2): borrowed from HikariCP at\n            " + BORROWER
                + " and\n            not returned (CLOSE_WAIT for 31 s)"), result.out());
        assertTrue(lines.contains("          evidence (1): read its end-of-stream, open after the shutdown hooks"));
        assertTrue(lines.contains("          evidence (1): garbage-collected while open"));
        assertTrue(lines.contains("          site 7777aaaa8888bbbb: 1 collected open"), result.out());
        assertFalse(result.out().contains("i.s.d."), "never abbreviated");
        SummaryCommandTest.assertFitsTerminal(result.out());
    }

    @Test
    void twoSitesSharingAFrameNeverPrintAsTheSameLine() {
        Path file = verdicts().writeTo(dir.resolve("verdicts.json"));

        CliRunner.Result result = CliRunner.run("summary", "--top", "0", file.toString());

        List<String> lines = result.out().lines().toList();
        // 3333... and 7777... share frame and library frame: their ids tell them apart.
        int borrowed = lines.indexOf("       2  " + REPO);
        assertTrue(borrowed > 0, result.out());
        assertEquals(List.of("            via " + PG, "            [site 3333cccc4444dddd]"),
                lines.subList(borrowed + 1, borrowed + 3));
        int collected = borrowed + 1 + lines.subList(borrowed + 1, lines.size()).indexOf("       1  " + REPO
                + "");
        if (!lines.get(collected + 2).contains("[site")) {
            collected = collected + 1 + lines.subList(collected + 1, lines.size()).indexOf("       1  " + REPO);
        }
        assertEquals(List.of("            via " + PG, "            [site 7777aaaa8888bbbb]"),
                lines.subList(collected + 1, collected + 3));
        // 5555... shares the frame only: its library frame tells it apart, without an id.
        assertTrue(result.out().contains("       1  " + REPO + "\n            via org.postgresql.core.v3"
                + ".ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:136)\n          site 5555"),
                result.out());
    }

    @Test
    void longLinesWrapOntoAContinuationLineInsteadOfBeingCut() {
        Path file = verdicts().writeTo(dir.resolve("verdicts.json"));

        CliRunner.Result result = CliRunner.run("summary", "--top", "0", file.toString());

        List<String> lines = result.out().lines().toList();
        int site = lines.indexOf("       1  " + LONG);
        assertTrue(site > 0, "the frame whole on its line:\n" + result.out());
        assertEquals("            via " + PG, lines.get(site + 1));
        SummaryCommandTest.assertFitsTerminal(result.out());
    }

    @Test
    void staleAndYoungAreShownApartAsNotLeaks() {
        Path file = verdicts().writeTo(dir.resolve("verdicts.json"));

        CliRunner.Result result = CliRunner.run("summary", file.toString());

        List<String> lines = result.out().lines().toList();
        assertTrue(lines.contains("  leaks                    9"), result.out());
        assertTrue(lines.contains("  NOT leaks (not counted above)"));
        assertTrue(lines.contains("    stale pooled           3"));
        assertTrue(lines.contains("    young                  2"));
        int notLeaks = lines.indexOf("NOT leaks: idle pooled connections closed by the peer (stale), and young"
                + " sockets");
        assertTrue(notLeaks > lines.indexOf("leaking sites, most leaks first"), result.out());
        assertEquals("  HikariCP: 3 stale connections, idle 95-97 s, in CLOSE_WAIT up to 30 s",
                lines.get(notLeaks + 1));
        assertEquals("       3  opened at " + Frames.NO_APPLICATION_FRAME, lines.get(notLeaks + 2));
        assertEquals("            via " + HIKARI, lines.get(notLeaks + 3));
        assertTrue(lines.get(notLeaks + 4).startsWith("    advice: set maxLifetime below"), result.out());
        assertEquals(1, result.out().split("advice: ", -1).length - 1, "advice once per pool");
        assertTrue(result.out().contains("  young: 2 sockets in CLOSE_WAIT for less than minCloseWait, not judged"
                + " yet"));
        assertTrue(result.out().contains("  stale pooled, NOT a leak (3): "), result.out());
        assertTrue(result.out().contains("  young, NOT a leak (2): "), result.out());
        assertFalse(result.out().contains("HikariCP.housekeeper"), "stale are not listed as leaking sites");
    }

    @Test
    void failOnLeakIgnoresStalePooledAndYoung() {
        Path onlyStale = report().trackedOpen(3)
                .site("abababababababab", null, HIKARI, List.of(CONNECT, PG, HIKARI))
                .stale("HikariCP", "abababababababab", 60, ADVICE, 2)
                .young(4)
                .writeTo(dir.resolve("stale.json"));

        CliRunner.Result text = CliRunner.run("summary", "--fail-on-leak", onlyStale.toString());
        CliRunner.Result json = CliRunner.run("summary", "--fail-on-leak", "--json", onlyStale.toString());

        assertEquals(0, text.exit(), text.out());
        assertEquals(0, json.exit(), json.out());
        assertTrue(text.out().lines().toList().contains("leaking sites: none"), text.out());
        assertTrue(text.out().lines().toList().contains("  HikariCP: 2 stale connections, idle 60-61 s, in"
                + " CLOSE_WAIT up to 30 s"), text.out());
        assertEquals(1, CliRunner.run("summary", "--fail-on-leak",
                verdicts().writeTo(dir.resolve("leaks.json")).toString()).exit(), "leaks still fail");
    }

    @Test
    void framesShowsNFramesAndTheBorrowStackFirst() {
        Path file = verdicts().writeTo(dir.resolve("verdicts.json"));

        CliRunner.Result two = CliRunner.run("summary", "--frames", "2", "--top", "0", file.toString());
        CliRunner.Result none = CliRunner.run("summary", "--frames", "0", file.toString());

        List<String> lines = two.out().lines().toList();
        int borrowed = lines.indexOf("          borrowed at");
        assertTrue(borrowed > 0, two.out());
        assertEquals(List.of("          borrowed at", "            at " + BORROW_JDK, "            at " + BORROWER,
                "          opened at", "            at " + CONNECT, "            at " + PG),
                lines.subList(borrowed, borrowed + 6));
        int accept = lines.indexOf("       4  " + ACCEPT);
        int second = lines.indexOf("            at " + ACCEPT);
        assertTrue(second > accept, two.out());
        assertEquals("            at java.base/java.net.ServerSocket.accept(ServerSocket.java:532)",
                lines.get(second - 1), "two frames: " + two.out());
        assertFalse(lines.get(second + 1).startsWith("            at "), two.out());
        assertFalse(none.out().contains("            at "), none.out());
        assertEquals(2, CliRunner.run("summary", "--frames", "-1", file.toString()).exit());
    }

    @Test
    void jsonCarriesFrameLibraryFrameEvidenceAndTheNotLeaksApart() throws Exception {
        Path file = verdicts().writeTo(dir.resolve("verdicts.json"));

        JsonNode json = ReportJson.mapper().readTree(CliRunner.run("summary", "--json", "--frames", "1",
                file.toString()).out());

        assertEquals(9, json.path("counts").path("leaks").asInt());
        assertEquals(3, json.path("counts").path("stalePooled").asInt());
        assertEquals(2, json.path("counts").path("young").asInt());
        assertEquals(2, json.path("young").asInt());
        JsonNode accept = json.path("sites").get(0);
        assertEquals(ACCEPT, accept.path("frame").asText());
        assertTrue(accept.path("libraryFrame").isNull());
        assertEquals(List.of("CLOSE_WAIT_AGED", "READ_EOF_KEPT"), accept.path("evidence").findValuesAsText("evidence"));
        assertEquals(1, accept.path("shortStack").size());
        JsonNode pooled = json.path("sites").get(1);
        assertEquals(REPO, pooled.path("frame").asText());
        assertEquals(PG, pooled.path("libraryFrame").asText());
        assertEquals(List.of(BORROW_JDK), ReportJsonList.of(pooled.path("borrowStack")));
        JsonNode stale = json.path("stalePooled").get(0);
        assertEquals("HikariCP", stale.path("pool").asText());
        assertEquals(3, stale.path("count").asInt());
        assertEquals(ADVICE, stale.path("advice").asText());
        assertTrue(stale.path("sites").get(0).path("frame").isNull());
        assertEquals(HIKARI, stale.path("sites").get(0).path("libraryFrame").asText());
    }

    @Test
    void diffAndTrendCountLeaksOnlyAndNameSitesByTheirApplicationFrame() throws Exception {
        Path old = report().at("2025-03-01T12:00:00Z")
                .site("3333cccc4444dddd", REPO, PG, pgStack(REPO))
                .evidence("3333cccc4444dddd", "CLOSE_WAIT_AGED", 12, 1)
                .writeTo(dir.resolve("sockleak-1-a.json"));
        Path newer = verdicts().at("2025-03-01T13:00:00Z").writeTo(dir.resolve("sockleak-1-b.json"));

        CliRunner.Result diff = CliRunner.run("diff", old.toString(), newer.toString());
        CliRunner.Result trend = CliRunner.run("trend", dir.toString());
        JsonNode diffJson = ReportJson.mapper().readTree(CliRunner.run("diff", "--json", old.toString(),
                newer.toString()).out());
        JsonNode trendJson = ReportJson.mapper().readTree(CliRunner.run("trend", "--json", dir.toString()).out());

        assertEquals(0, diff.exit(), diff.err());
        List<String> lines = diff.out().lines().toList();
        assertTrue(lines.contains("  leaks                1       9      +8"), diff.out());
        assertTrue(lines.contains("    stalePooled        0       3      +3"), diff.out());
        assertTrue(lines.contains("    young              0       2      +2"), diff.out());
        int changed = lines.indexOf("       1       2      +1  3333cccc");
        assertEquals(List.of("            " + REPO, "            via " + PG), lines.subList(changed + 1, changed + 3),
                diff.out());
        assertFalse(diff.out().contains("abababab"), "stale sites are not leaking sites");
        JsonNode site = diffJson.path("sites").get(0);
        assertEquals(REPO, site.path("frame").asText());
        assertEquals(PG, site.path("libraryFrame").asText());

        assertEquals(0, trend.exit(), trend.err());
        assertTrue(trend.out().lines().toList().contains("   +8.00      1      9  ▂█      (all leaks)"),
                trend.out());
        assertTrue(trend.out().contains("  9999cccc\n            " + LONG + "\n            via " + PG), trend.out());
        assertTrue(trend.out().contains("  3333cccc\n            " + REPO + "\n            via " + PG), trend.out());
        JsonNode process = trendJson.path("processes").get(0);
        assertEquals(List.of(1, 9), List.of(process.path("leaks").path("counts").get(0).asInt(),
                process.path("leaks").path("counts").get(1).asInt()), "leaks only, not stale or young");
        assertTrue(process.path("sites").findValuesAsText("libraryFrame").contains(PG), process.toString());
        assertTrue(process.path("sites").findValuesAsText("frame").contains(ACCEPT));
    }

    @Test
    void aSchemaOneReportGetsItsFramesFromTheStack() throws Exception {
        JsonNode tree = ReportJson.mapper().readTree(ReportJson.toBytes(report()
                .site("1111aaaa2222bbbb", "java.base/java.net.Socket.connect(Socket.java:633)", null,
                        pgStack(REPO))
                .evidence("1111aaaa2222bbbb", "CLOSE_WAIT_AGED", 12, 2)
                .build()));
        ((ObjectNode) tree).put("schemaVersion", 1);
        for (String list : List.of("sites", "leaks", "listeners")) {
            for (JsonNode entry : tree.path(list)) {
                ((ObjectNode) entry).remove(List.of("frame", "libraryFrame", "evidence"));
            }
        }
        // One site keeps a schema-1 style JDK frame: it is not the application's either.
        ((ObjectNode) tree.path("sites").get(0)).put("frame", CONNECT);
        Path file = dir.resolve("schema1.json");
        Files.write(file, ReportJson.mapper().writeValueAsBytes(tree));

        CliRunner.Result text = CliRunner.run("summary", file.toString());
        JsonNode json = ReportJson.mapper().readTree(CliRunner.run("summary", "--json", file.toString()).out());

        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("       2  " + REPO + "\n            via " + PG), text.out());
        assertTrue(text.out().lines().toList().contains("          evidence (2): CLOSE_WAIT for 12 s"), text.out());
        assertEquals(REPO, json.path("sites").get(0).path("frame").asText());
        assertEquals(PG, json.path("sites").get(0).path("libraryFrame").asText());
    }

    @Test
    void aStackWithoutApplicationCodeSaysSoAndNamesTheLibraryFrame() {
        Path file = report().site("abababababababab", null, null, List.of(CONNECT, PG, HIKARI,
                        "java.lang.Thread.run(Thread.java:840)"))
                .evidence("abababababababab", "CLOSE_WAIT_AGED", 12, 1)
                .writeTo(dir.resolve("lib-only.json"));

        CliRunner.Result result = CliRunner.run("summary", file.toString());

        assertTrue(result.out().contains("       1  " + Frames.NO_APPLICATION_FRAME + "\n            via " + PG),
                result.out());
        assertFalse(result.out().lines().anyMatch(l -> l.startsWith("       1  java.")), result.out());
    }

    /** A JSON array of strings as a list. */
    private static final class ReportJsonList {
        static List<String> of(JsonNode array) {
            List<String> values = new java.util.ArrayList<>();
            array.forEach(node -> values.add(node.asText()));
            return values;
        }
    }
}
