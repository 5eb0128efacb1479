package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.sockleak.demo.docs.DocOutputs.Shape.EXACT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick start's outputs (README.md; its summary in docs/cli.md and docs/options.md, its report in
 * docs/reading-a-report.md), re-run exactly as the docs say and compared by shape ({@link DocOutputs}).
 * {@code -Dsockleak.docs.update=true} rewrites them from these runs.
 */
class DocsOutputIT {

    private static final Path README = DocOutputs.doc("README.md");
    private static final Path CLI_DOC = DocOutputs.doc("docs/cli.md");
    private static final Path OPTIONS_DOC = DocOutputs.doc("docs/options.md");
    private static final Path READING_DOC = DocOutputs.doc("docs/reading-a-report.md");

    @TempDir
    Path work;

    @Test
    void quickStartAndItsSummary() throws Exception {
        // The README's command, word for word: the jars at the paths it names, relative to the run's folder.
        Cli.layOut(work);
        Cli.Result demo = Cli.java(work, List.of("-javaagent:agent/target/sockleak-agent.jar", "-jar",
                "demo-app/target/sockleak-demo.jar", "accept-no-close"));
        assertEquals(0, demo.exit(), demo.stderr());
        // The agent's start line comes before main runs, its exit lines after: stderr around stdout.
        List<String> agentLines = demo.stderr().lines().toList();
        String shown = agentLines.get(0) + "\n" + demo.stdout()
                + String.join("\n", agentLines.subList(1, agentLines.size())) + "\n";
        DocOutputs.check(README, "quick-start", shown, work, EXACT);
        DocOutputs.check(OPTIONS_DOC, "summary-at-exit", String.join("\n", agentLines.subList(1,
                agentLines.size())), work, EXACT);

        String report = "sockleak-reports/" + onlyReport(work.resolve("sockleak-reports")).getFileName();
        // Where the TCP rows came from depends on the JDK: netlink where the agent can open it (JDK 25), else /proc.
        DocOutputs.check(READING_DOC, "quick-start-report", Files.readString(work.resolve(report)), work,
                DocOutputs.Shape.JSON, "\"tableSource\" : \"(proc|netlink)\"", "\"tableSource\" : \"proc or netlink\"");
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

    private static Path onlyReport(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> reports = files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
            assertEquals(1, reports.size(), reports.toString());
            return reports.get(0);
        }
    }
}
