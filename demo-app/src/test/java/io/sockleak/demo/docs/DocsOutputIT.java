package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.sockleak.demo.docs.DocOutputs.Shape.EXACT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outputs README.md and docs/cli.md show, re-run exactly as the docs say and compared by shape
 * ({@link DocOutputs}). {@code -Dsockleak.docs.update=true} rewrites them from these runs.
 */
class DocsOutputIT {

    private static final Path README = DocOutputs.doc("README.md");
    private static final Path CLI_DOC = DocOutputs.doc("docs/cli.md");
    /** How the README's first lines of a block show a command to type, not an output: those blocks need no mark. */
    private static final Set<String> COMMAND_STARTS = Set.of("java ", "mvn ", "scripts/", ".ci/run", "./bench.sh");

    @TempDir
    Path work;

    @Test
    void quickStartAndItsSummary() throws Exception {
        // The README's command, word for word: the jars at the paths it names, relative to the run's folder.
        link(work, "agent/target/sockleak-agent.jar", Cli.agentJar());
        link(work, "demo-app/target/sockleak-demo.jar", Cli.demoJar());
        Cli.Result demo = Cli.java(work, List.of("-javaagent:agent/target/sockleak-agent.jar", "-jar",
                "demo-app/target/sockleak-demo.jar", "accept-no-close"));
        assertEquals(0, demo.exit(), demo.stderr());
        // The agent's start line comes before main runs, its exit lines after: stderr around stdout.
        List<String> agentLines = demo.stderr().lines().toList();
        String shown = agentLines.get(0) + "\n" + demo.stdout()
                + String.join("\n", agentLines.subList(1, agentLines.size())) + "\n";
        DocOutputs.check(README, "quick-start", shown, work, EXACT);

        String report = "sockleak-reports/" + onlyReport(work.resolve("sockleak-reports")).getFileName();
        Cli.Result summary = Cli.run(work, "summary", report);
        assertEquals(0, summary.exit(), summary.stderr());
        String page = "$ java -jar agent/target/sockleak-agent.jar summary " + report + "\n" + summary.stdout();
        DocOutputs.check(README, "summary-accept-no-close", page, work, EXACT);
        DocOutputs.check(CLI_DOC, "summary-accept-no-close", page, work, EXACT);

        Path healthyRun = Files.createDirectory(work.resolve("healthy"));
        assertEquals(0, Cli.java(healthyRun, List.of("-javaagent:" + Cli.agentJar(), "-jar",
                Cli.demoJar().toString(), "healthy")).exit());
        String healthy = "sockleak-reports/" + onlyReport(healthyRun.resolve("sockleak-reports")).getFileName();
        Files.copy(healthyRun.resolve(healthy), work.resolve(healthy));
        StringBuilder exits = new StringBuilder();
        for (String file : List.of(report, healthy)) {
            exits.append("$ java -jar agent/target/sockleak-agent.jar summary --fail-on-leak ").append(file)
                    .append(" > /dev/null; echo $?\n").append(Cli.run(work, "summary", "--fail-on-leak", file).exit())
                    .append('\n');
        }
        DocOutputs.check(CLI_DOC, "fail-on-leak", exits.toString(), work, EXACT);

        // The README's page comes from every demo scenario and two SlowLeak runs; two reports show its shape.
        Path folder = Files.createDirectory(work.resolve("demo-reports"));
        Files.copy(work.resolve(report), folder.resolve(Path.of(report).getFileName()));
        Files.copy(work.resolve(healthy), folder.resolve(Path.of(healthy).getFileName()));
        Cli.Result html = Cli.run(work, "html", "demo-reports", "-o", "sockleak.html");
        assertEquals(0, html.exit(), html.stderr());
        assertTrue(Files.size(work.resolve("sockleak.html")) > 0);
        DocOutputs.check(README, "html", "$ java -jar agent/target/sockleak-agent.jar html demo-reports -o"
                + " sockleak.html\n" + html.stdout(), work, DocOutputs.Shape.LAYOUT, "\\b(site|process run|report|leak)s?\\b",
                "$1s");
    }

    @Test
    void attachToARunningProgram() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin");
        Process javac = new ProcessBuilder(java.resolve("javac").toString(), "-d", work.toString(),
                DocOutputs.doc("docs/examples/SlowLeak.java").toString()).inheritIO().start();
        assertEquals(0, javac.waitFor());
        Process target = new ProcessBuilder(java.resolve("java").toString(), "-cp", work.toString(), "SlowLeak", "240")
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("target.txt").toFile()).start();
        try {
            String pid = Long.toString(target.pid());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Cli.run(work, "list").stdout().lines().noneMatch(l -> l.startsWith(pid + " "))) {
                assertTrue(target.isAlive() && System.nanoTime() < deadline, "SlowLeak did not come up");
            }
            Cli.Result attach = Cli.run(work, "attach", pid, "dir=" + work.resolve("attached"));
            assertEquals(0, attach.exit(), attach.stderr());
            DocOutputs.check(README, "attach", attach.stdout(), work, EXACT);
        } finally {
            target.destroyForcibly();
            target.onExit().join();
        }
    }

    /** Every README block that is not a command to type is marked and so checked by a test here. */
    @Test
    void everyOutputBlockOfTheReadmeIsMarked() throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<String> unmarked = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            if (!inBlock && i + 1 < lines.size()) {
                String first = lines.get(i + 1);
                boolean marked = i > 0 && lines.get(i - 1).startsWith("<!-- output: ");
                if (!marked && COMMAND_STARTS.stream().noneMatch(first::startsWith)) {
                    unmarked.add("line " + (i + 2) + ": " + first);
                }
            }
            inBlock = !inBlock;
        }
        assertEquals(List.of(), unmarked, "README blocks that show output without a mark");
        Matcher names = Pattern.compile("<!-- output: ([\\w.-]+) -->").matcher(Files.readString(README));
        List<String> checked = List.of("quick-start", "summary-accept-no-close", "attach", "html");
        names.results().forEach(m -> assertTrue(checked.contains(m.group(1)), "no test runs block " + m.group(1)));
    }

    private static void link(Path folder, String name, Path to) throws IOException {
        Path link = folder.resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, to);
    }

    private static Path onlyReport(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> reports = files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
            assertEquals(1, reports.size(), reports.toString());
            return reports.get(0);
        }
    }
}
