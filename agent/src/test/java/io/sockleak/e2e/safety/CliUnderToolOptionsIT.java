package io.sockleak.e2e.safety;

import io.sockleak.e2e.attach.LeakyTarget;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container sets {@code JAVA_TOOL_OPTIONS=-javaagent:sockleak-agent.jar=dir=...} for every JVM in it: the
 * application's, and the sockleak CLI's own when an operator runs {@code dump} or {@code list} there. The agent
 * loaded into the CLI must stay silent: no report in the application's folder, no line on the CLI's output.
 */
class CliUnderToolOptionsIT {

    @TempDir
    Path work;

    private ChildJvm.Started app;

    @AfterEach
    void endApp() {
        if (app != null) {
            app.process().destroyForcibly();
            app.process().onExit().join();
        }
    }

    @Test
    void theCliRunsWithoutItsOwnAgentAndOnlyTheApplicationWritesReports() throws IOException {
        Path reports = work.resolve("reports");
        String toolOptions = "-javaagent:" + ChildJvm.agentJar() + "=dir=" + reports;
        app = ChildJvm.in(work).withoutAgent().env("JAVA_TOOL_OPTIONS", toolOptions).main(LeakyTarget.class).start();
        Poll.until("the application is ready", Duration.ofSeconds(30), () -> app.stdout().startsWith("READY "));
        assertTrue(app.stderr().contains("sockleak: agent "), "the application got the agent:\n" + app.stderr());

        ChildJvm.Started dump = cli(toolOptions, "dump", Long.toString(app.pid())).start();
        ChildJvm.Result dumped = dump.await().assertExitCode(0);
        assertQuiet(dumped);
        Path report = Path.of(dumped.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(List.of(report.getFileName().toString()), reportNames(reports));

        ChildJvm.Started list = cli(toolOptions, "list").start();
        ChildJvm.Result listed = list.await().assertExitCode(0);
        assertQuiet(listed);
        assertTrue(listed.stdout().lines().anyMatch(l -> l.startsWith(app.pid() + " ")), listed.stdout());

        // The CLI's main class named directly, not through -jar.
        ChildJvm.Started summary = ChildJvm.in(work).withoutAgent().env("JAVA_TOOL_OPTIONS", toolOptions)
                .classPath(ChildJvm.agentJar().toString()).main("io.sockleak.cli.Main", "summary", reports.toString()).start();
        assertQuiet(summary.await().assertExitCode(0));

        app.tell("EXIT");
        app.await().assertExitCode(0);
        List<String> names = reportNames(reports);
        assertEquals(2, names.size(), "the application's on-demand and shutdown reports, nothing else: " + names);
        assertTrue(names.stream().allMatch(n -> n.startsWith("sockleak-" + app.pid() + "-")), names.toString());
        for (ChildJvm.Started cli : List.of(dump, list, summary)) {
            assertTrue(names.stream().noneMatch(n -> n.startsWith("sockleak-" + cli.pid() + "-")), names.toString());
        }
    }

    private ChildJvm cli(String toolOptions, String... args) {
        return ChildJvm.in(work).withoutAgent().env("JAVA_TOOL_OPTIONS", toolOptions).timeout(Duration.ofSeconds(90))
                .jar(ChildJvm.agentJar(), args);
    }

    /** The JVM's own "Picked up JAVA_TOOL_OPTIONS" line is all the CLI's stderr may have beyond its own words. */
    private static void assertQuiet(ChildJvm.Result result) {
        List<String> agentLines = result.stderr().lines().filter(l -> l.startsWith("sockleak: ")).toList();
        assertEquals(List.of(), agentLines, "the agent spoke in the CLI's JVM:\n" + result.stderr());
        assertTrue(result.stderr().contains("Picked up JAVA_TOOL_OPTIONS"), "the variable reached the CLI's JVM:\n"
                + result.stderr());
    }

    private static List<String> reportNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }
}
