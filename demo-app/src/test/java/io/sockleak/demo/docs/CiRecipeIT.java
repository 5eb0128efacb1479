package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/ci.md's Maven recipe on a real Maven project (demo-app/src/test/resources/ci-fixture): its Surefire and Failsafe
 * forks run under the built agent, each with its own report folder, and {@code summary --fail-on-leak} on the
 * folder decides. The leaky variant's test leaves a socket in CLOSE_WAIT; the correct twin closes it. Maven runs
 * offline on the JDK running this test: the fixture uses the plugin versions of sockleak's own build.
 */
class CiRecipeIT {

    private static final String LEAK_LINE = "example.GreetingTest.readsTheGreeting(GreetingTest.java:19)";

    @TempDir
    Path work;

    /** Both variants in one reactor: one Maven start-up instead of two (the suite's time budget). */
    @Test
    void theLeakyTestFailsTheBuildAtItsLineAndItsCorrectTwinPasses() throws Exception {
        Path leaky = fixture("leaky");
        Path correct = fixture("correct");
        Files.writeString(work.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>ci-fixtures</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <modules><module>leaky</module><module>correct</module></modules>
                </project>
                """);
        mvnVerify(work);

        Path leakyReports = leaky.resolve("target/sockleak-reports");
        assertEquals(List.of("failsafe-1", "surefire-1", "surefire-2"), folders(leakyReports),
                "a report folder per fork");
        Cli.Result failing = Cli.run(leaky, "summary", "--fail-on-leak", "--frames", "2", "target/sockleak-reports");
        assertEquals(1, failing.exit(), failing.stderr());
        assertTrue(failing.stdout().startsWith("sockleak summary  3 reports from 3 processes, 1 with leaks"),
                failing.stdout());
        assertTrue(failing.stdout().lines().anyMatch(l -> l.equals("       1  " + LEAK_LINE)),
                "the leaking test's line:\n" + failing.stdout());
        assertEquals("", failing.stderr());

        DocOutputs.check(DocOutputs.doc("docs/ci.md"), "ci-fixture-summary", "$ java -jar sockleak-agent.jar"
                + " summary --fail-on-leak --frames 2 target/sockleak-reports\n" + failing.stdout(), leaky,
                DocOutputs.Shape.EXACT,
                // Which Surefire fork ran the leaky test, and which ended first, is up to Surefire.
                "^      [01]  \\.\\.\\./sockleak-<pid>-<stamp>-shutdown\\.json$", "      <n>  (a fork's report)",
                "^(  process     pid <pid>, ).*", "$1<surefire's booter jar>");

        Path correctReports = correct.resolve("target/sockleak-reports");
        assertEquals(List.of("failsafe-1", "surefire-1", "surefire-2"), folders(correctReports));
        Cli.Result passing = Cli.run(correct, "summary", "--fail-on-leak", "target/sockleak-reports");
        assertEquals(0, passing.exit(), passing.stdout() + passing.stderr());
        assertTrue(passing.stdout().startsWith("sockleak summary  3 reports from 3 processes, none with leaks"),
                passing.stdout());
    }

    /** The fixture project plus one variant of GreetingTest, copied into the test's folder as module VARIANT. */
    private Path fixture(String variant) throws IOException, URISyntaxException {
        Path fixtures = Path.of(CiRecipeIT.class.getResource("/ci-fixture").toURI());
        Path project = work.resolve(variant);
        copyTree(fixtures.resolve("project"), project);
        Files.copy(fixtures.resolve(variant).resolve("GreetingTest.java"),
                project.resolve("src/test/java/example/GreetingTest.java"));
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<artifactId>ci-fixture</artifactId>",
                "<artifactId>ci-fixture-" + variant + "</artifactId>"));
        return project;
    }

    private void mvnVerify(Path project) throws IOException, InterruptedException {
        Path log = work.resolve("mvn.log");
        ProcessBuilder builder = new ProcessBuilder("mvn", "-o", "-q", "-B", "verify",
                "-Dsockleak.jar=" + Cli.agentJar())
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // The JDK running this test runs Maven and therefore the fixture's forks.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        Process mvn = builder.start();
        if (!mvn.waitFor(Duration.ofMinutes(8).toMillis(), TimeUnit.MILLISECONDS)) {
            mvn.destroyForcibly();
            throw new AssertionError("mvn verify did not finish in 8 minutes:\n" + Files.readString(log));
        }
        // The fixture's tests pass either way: the leak is the agent's finding, not a test failure.
        assertEquals(0, mvn.exitValue(), "mvn verify failed:\n" + Files.readString(log));
    }

    private static List<String> folders(Path reports) throws IOException {
        try (Stream<Path> entries = Files.list(reports)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
