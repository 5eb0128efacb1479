package io.sockleak.demo.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.sockleak.demo.docs.DocOutputs.Shape.EXACT;
import static io.sockleak.demo.docs.DocOutputs.Shape.JSON;
import static io.sockleak.demo.docs.DocOutputs.Shape.LAYOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/demo.md and the outputs of docs/cli.md made from the demo: one run of cli.md's {@code html} recipe (every
 * scenario as demo.md runs it, then SlowLeak twice with interval reports) feeds demo.md's blocks, {@code summary
 * --json} of the never-accept report, {@code diff} and {@code trend} of a SlowLeak run, and the page's line.
 */
class DemoDocsIT {

    private static final Path DEMO_DOC = DocOutputs.doc("docs/demo.md");
    private static final Path CLI_DOC = DocOutputs.doc("docs/cli.md");
    private static final String AGENT = "agent/target/sockleak-agent.jar";
    private static final String DEMO = "demo-app/target/sockleak-demo.jar";
    private static final List<String> SCENARIOS = List.of("never-accept", "accept-no-close", "client-no-close",
            "nio-accept-no-close", "gc-unclosed", "time-wait", "stale-pooled", "lost-response", "healthy");
    /** The scenarios demo.md shows the exit of. */
    private static final List<String> SHOWN = List.of("never-accept", "gc-unclosed", "time-wait", "stale-pooled",
            "lost-response");
    private static final String SLOW_LEAK_OPTIONS = "interval=1s,minCloseWait=2s";

    @TempDir
    static Path work;
    /** Per scenario: "$ command", then what it printed, stdout and stderr as a terminal shows them. */
    private static final Map<String, String> transcripts = new LinkedHashMap<>();
    /** Per scenario: its report, relative to {@link #work}. */
    private static final Map<String, String> reports = new LinkedHashMap<>();

    @BeforeAll
    static void runTheHtmlRecipe() throws Exception {
        Cli.layOut(work);
        for (String scenario : SCENARIOS) {
            Set<Path> before = reportFiles(work.resolve("sockleak-reports"));
            Cli.Result run = Cli.transcript(work, List.of("-javaagent:" + AGENT, "-jar", DEMO, scenario));
            assertEquals(0, run.exit(), run.stdout());
            transcripts.put(scenario, "$ java -javaagent:" + AGENT + " -jar " + DEMO + " " + scenario + "\n"
                    + run.stdout());
            Set<Path> written = reportFiles(work.resolve("sockleak-reports"));
            written.removeAll(before);
            assertEquals(1, written.size(), scenario + " wrote " + written);
            reports.put(scenario, work.relativize(written.iterator().next()).toString());
        }
        // Compiled, not run from source: the source launcher's main class would be the reports' mainClass.
        Cli.javac(work, "SlowLeak");
        // Both at once, as the recipe's '&' runs them: a process run each, interleaved in time.
        List<Process> slowLeaks = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                slowLeaks.add(Cli.start(work, work.resolve("slow-leak-" + n + ".log"), List.of("-javaagent:" + AGENT
                        + "=dir=slow-leak-" + n + "," + SLOW_LEAK_OPTIONS, "-cp", ".", "SlowLeak")));
            }
            for (Process p : slowLeaks) {
                Cli.finish(p, List.of("SlowLeak"));
                assertEquals(0, p.exitValue());
            }
        } finally {
            slowLeaks.forEach(Process::destroyForcibly); // only if an assertion left one running
        }
    }

    @Test
    void theScenarioList() throws Exception {
        Cli.Result list = Cli.java(work, List.of("-jar", DEMO, "list"));
        assertEquals(0, list.exit(), list.stderr());
        DocOutputs.check(DEMO_DOC, "demo-list", "$ java -jar " + DEMO + " list\n" + list.stdout(), work, EXACT);
    }

    @Test
    void whatTheAgentPrintsAtTheExitOfFiveScenarios() throws Exception {
        String shown = String.join("\n", SHOWN.stream().map(transcripts::get).toList());
        DocOutputs.check(DEMO_DOC, "demo-scenarios", shown, work, EXACT);
    }

    @Test
    void summaryAsJson() throws Exception {
        String report = reports.get("never-accept");
        Cli.Result json = Cli.run(work, "summary", "--json", report);
        assertEquals(0, json.exit(), json.stderr());
        DocOutputs.check(CLI_DOC, "summary-json-never-accept", "$ java -jar " + AGENT + " summary --json " + report
                + "\n" + json.stdout(), work, JSON);
    }

    @Test
    void diffAndTrendOfOneSlowLeakRun() throws Exception {
        Cli.Result diff = Cli.run(work, "diff", "slow-leak-1");
        assertEquals(0, diff.exit(), diff.stderr());
        // The last interval report and the shutdown report come within milliseconds: either can be the newest.
        DocOutputs.check(CLI_DOC, "diff-slow-leak", "$ java -jar " + AGENT + " diff slow-leak-1\n" + diff.stdout(),
                work, LAYOUT, "-(interval|shutdown)\\.json$", "-<interval or shutdown>.json");
        Cli.Result trend = Cli.run(work, "trend", "slow-leak-1");
        assertEquals(0, trend.exit(), trend.stderr());
        DocOutputs.check(CLI_DOC, "trend-slow-leak", "$ java -jar " + AGENT + " trend slow-leak-1\n"
                + trend.stdout(), work, LAYOUT, "\\b(report|process run)s?\\b", "$1s");
    }

    @Test
    void thePageOfEveryScenarioAndTwoSlowLeakRuns() throws Exception {
        Cli.Result html = Cli.run(work, "html", "sockleak-reports", "slow-leak-1", "slow-leak-2", "-o",
                "sockleak.html");
        assertEquals(0, html.exit(), html.stderr());
        assertTrue(Files.size(work.resolve("sockleak.html")) > 0);
        String recipe = "$ for s in " + String.join(" ", SCENARIOS) + "; do java -javaagent:" + AGENT + " -jar "
                + DEMO + " $s; done\n"
                + "$ javac -d . docs/examples/SlowLeak.java\n"
                + "$ for n in 1 2; do java -javaagent:" + AGENT + "=dir=slow-leak-$n," + SLOW_LEAK_OPTIONS
                + " -cp . SlowLeak & done; wait\n"
                + "$ java -jar " + AGENT + " html sockleak-reports slow-leak-1 slow-leak-2 -o sockleak.html\n";
        DocOutputs.check(CLI_DOC, "html-demo-reports", recipe + html.stdout(), work, LAYOUT);
    }

    private static Set<Path> reportFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new HashSet<>();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return new HashSet<>(files.filter(f -> f.toString().endsWith(".json")).toList());
        }
    }
}
