package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drift check itself: what it forgives (pids, ports, times, elided lines) and what it does not. */
class DocOutputsTest {

    @TempDir
    Path dir;

    private Path doc(String block) throws IOException {
        return Files.writeString(dir.resolve("doc.md"), "text\n\n<!-- output: run -->\n```\n" + block + "```\n\nmore\n");
    }

    private static final String SHOWN = """
            sockleak: agent 0.2.0 started (premain), reports go to /tmp/sockleak-docs/sockleak-reports
              listening on 127.0.0.1:38859
            ...
            sockleak: report: /tmp/sockleak-docs/sockleak-reports/sockleak-20785-20261201T064932.092-shutdown.json
            """;

    @Test
    void volatileValuesAndElidedLinesPass() throws IOException {
        Path run = dir.resolve("run-4711");
        String printed = """
                sockleak: agent 0.2.0 started (premain), reports go to %1$s/sockleak-reports
                  listening on 127.0.0.1:41000
                  accepted 127.0.0.1:50000
                  accepted 127.0.0.1:50002
                sockleak: report: %1$s/sockleak-reports/sockleak-99-20270101T000000.000-shutdown.json
                """.formatted(run.toAbsolutePath());
        assertDoesNotThrow(() -> DocOutputs.check(doc(SHOWN), "run", printed, run, DocOutputs.Shape.EXACT));
    }

    @Test
    void aChangedWordOrVersionFails() throws IOException {
        Path run = dir.resolve("run");
        String printed = SHOWN.replace("/tmp/sockleak-docs", run.toAbsolutePath().toString());
        assertDoesNotThrow(() -> DocOutputs.check(doc(SHOWN), "run", printed, run, DocOutputs.Shape.EXACT));
        AssertionError reworded = assertThrows(AssertionError.class, () -> DocOutputs.check(doc(SHOWN), "run",
                printed.replace("listening on", "bound to"), run, DocOutputs.Shape.EXACT));
        assertTrue(reworded.getMessage().contains("no longer shows what the code prints"), reworded.getMessage());
        assertThrows(AssertionError.class, () -> DocOutputs.check(doc(SHOWN), "run",
                printed.replace("agent 0.2.0", "agent 0.3.0"), run, DocOutputs.Shape.EXACT));
        assertThrows(AssertionError.class, () -> DocOutputs.check(doc(SHOWN), "run",
                printed.lines().skip(1).reduce("", (a, b) -> a + b + "\n"), run, DocOutputs.Shape.EXACT));
    }

    @Test
    void layoutForgivesCountsButNotColumns() {
        assertEquals(DocOutputs.normalise("   +8517      0     12  ▁▁▃▆██  (all leaks)", DocOutputs.Shape.LAYOUT),
                DocOutputs.normalise("  +120      3      7  ▁▃█  (all leaks)", DocOutputs.Shape.LAYOUT));
        assertTrue(!DocOutputs.normalise("  +1  2  (all leaks)", DocOutputs.Shape.LAYOUT)
                .equals(DocOutputs.normalise("  +1  2  3  (all leaks)", DocOutputs.Shape.LAYOUT)));
    }

    @Test
    void anIndentedBlockInAListIsComparedWithoutItsIndent() throws IOException {
        Path doc = Files.writeString(dir.resolve("list.md"), "- a point:\n\n  <!-- output: run -->\n  ```\n"
                + "  WARNING: one\n  WARNING: two\n  ```\n");
        assertDoesNotThrow(() -> DocOutputs.check(doc, "run", "WARNING: one\nWARNING: two\n", dir,
                DocOutputs.Shape.EXACT));
        assertThrows(AssertionError.class, () -> DocOutputs.check(doc, "run", "WARNING: one\n", dir,
                DocOutputs.Shape.EXACT));
    }

    @Test
    void aJsonExcerptHoldsKeysNestingAndWordsNotNumbers() throws IOException {
        Path doc = Files.writeString(dir.resolve("json.md"), """
                <!-- output: json -->
                ```json
                $ java -jar sockleak-agent.jar summary --json r/sockleak-1-20260101T000000.000-shutdown.json
                {
                  "file" : "r/sockleak-1-20260101T000000.000-shutdown.json",
                  ...
                  "counts" : { "leaks" : 3, "hasLeaks" : true },
                  "sites" : [ { "frame" : "A.run(A.java:4)", "pool" : null }, ... ],
                  "listeners" : [ ... any number ... ]
                }
                ```
                """);
        String printed = """
                $ java -jar sockleak-agent.jar summary --json r/sockleak-99-20270101T000000.000-shutdown.json
                {"file":"r/sockleak-99-20270101T000000.000-shutdown.json","pid":99,
                 "counts":{"leaks":12,"hasLeaks":true},
                 "sites":[{"frame":"A.run(A.java:5)","pool":null},{"frame":"B.x(B.java:1)","pool":"p"}],
                 "listeners":[]}
                """;
        assertDoesNotThrow(() -> DocOutputs.check(doc, "json", printed, dir, DocOutputs.Shape.JSON));
        for (String[] change : new String[][] {{"\"leaks\"", "\"leak\""}, {"A.run", "A.walk"},
                {"\"hasLeaks\":true", "\"hasLeaks\":true,\"young\":0"}, {":12", ":\"12\""}, {"true", "false"},
                {"\"pool\":null}", "\"pool\":\"p\"}"}, {"--json", "--json --top 1"},
                {"[{\"frame\":\"A.run(A.java:5)\",\"pool\":null},", "["}}) {
            AssertionError drift = assertThrows(AssertionError.class, () -> DocOutputs.check(doc, "json",
                    printed.replace(change[0], change[1]), dir, DocOutputs.Shape.JSON), change[0]);
            assertTrue(drift.getMessage().contains("no longer has the shape"), drift.getMessage());
        }
    }
}
