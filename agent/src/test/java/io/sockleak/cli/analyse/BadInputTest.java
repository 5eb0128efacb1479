package io.sockleak.cli.analyse;

import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.sockleak.cli.analyse.TestReport.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad report, through every command: exit 2, one line naming the file, no stack trace. */
class BadInputTest {

    enum BadFile {
        MISSING("no such file"),
        EMPTY("empty file"),
        TRUNCATED("not valid JSON"),
        NOT_JSON("not valid JSON"),
        JSON_ARRAY("not a sockleak report"),
        JSON_NOT_A_REPORT("not a sockleak report"),
        NEWER_SCHEMA("schemaVersion 3 is newer than this sockleak understands"),
        /** Three counts whose sum overflows an int: "leaks 2147483644" next to "no leaks" (issue 14). */
        OVERFLOWING_COUNTS("malformed report (summary counts add up to more leaks than 2147483647)"),
        NEGATIVE_COUNT("malformed report (summary has a negative count");

        final String problem;

        BadFile(String problem) {
            this.problem = problem;
        }

        Path writeIn(Path dir) throws IOException {
            Path file = dir.resolve("sockleak-1-" + name().toLowerCase() + ".json");
            byte[] good = ReportJson.toBytes(report().closeWait("a1b2c3d4", "com.example.A.a(A.java:1)", 2).build());
            switch (this) {
                case MISSING -> { }
                case EMPTY -> Files.write(file, new byte[0]);
                case TRUNCATED -> Files.write(file, Arrays.copyOf(good, good.length / 2));
                case NOT_JSON -> Files.writeString(file, "sockleak report\nline two\n");
                case JSON_ARRAY -> Files.writeString(file, "[{\"schemaVersion\":1,\"trigger\":\"exit\"}]");
                case JSON_NOT_A_REPORT -> Files.writeString(file, "{\"name\":\"package.json\",\"version\":\"1.0\"}");
                case NEWER_SCHEMA -> Files.writeString(file, new String(good, StandardCharsets.UTF_8)
                        .replaceFirst("\"schemaVersion\" : 2", "\"schemaVersion\" : 3"));
                case OVERFLOWING_COUNTS -> Files.writeString(file, new String(good, StandardCharsets.UTF_8)
                        .replaceFirst("\"closeWait\" : 2", "\"closeWait\" : 2147483647")
                        .replaceFirst("\"collectedOpen\" : 0", "\"collectedOpen\" : 2147483647"));
                case NEGATIVE_COUNT -> Files.writeString(file, new String(good, StandardCharsets.UTF_8)
                        .replaceFirst("\"closeWait\" : 2", "\"closeWait\" : -5"));
                default -> throw new IllegalStateException();
            }
            return file;
        }
    }

    @TempDir
    Path dir;

    static Stream<Arguments> commandsAndBadFiles() {
        return Stream.of("summary", "diff", "trend", "html")
                .flatMap(command -> Arrays.stream(BadFile.values()).map(bad -> Arguments.of(command, bad)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("commandsAndBadFiles")
    void exitsTwoWithOneLineNamingTheFile(String command, BadFile bad) throws IOException {
        Path good = report().writeTo(dir.resolve("sockleak-1-good.json"));
        Path file = bad.writeIn(dir);
        List<String> args = switch (command) {
            case "summary" -> List.of(command, file.toString());
            case "html" -> List.of(command, good.toString(), file.toString(), "-o", dir.resolve("page.html").toString());
            default -> List.of(command, good.toString(), file.toString());
        };

        CliRunner.Result result = CliRunner.run(args.toArray(String[]::new));

        assertEquals(2, result.exit(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result.err());
        String line = result.errLines().get(0);
        assertTrue(line.startsWith("sockleak " + command + ": " + file + ": "), line);
        assertTrue(line.contains(bad.problem), line);
        assertFalse(line.contains("Exception"), line);
        assertFalse(result.err().contains("\tat "), line);
    }

    @org.junit.jupiter.api.Test
    void escapeSequencesWrittenIntoAReportNeverReachTheTerminal() throws IOException {
        String hostile = "com.example.A.a(A.java:1)\u001b]0;owned\u0007\u001b[2J\u009b31m";
        Path file = report().closeWait("a1b2c3d4", hostile, 2).writeTo(dir.resolve("sockleak-1-hostile.json"));
        CliRunner.Result result = CliRunner.run("summary", file.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("com.example.A.a(A.java:1)?]0;owned??[2J?31m"), result.out());
        assertTrue(result.out().chars().noneMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)),
                result.out());
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(20)
    void aFifoOrADeviceIsRefusedAtOnceInsteadOfBlockingOrReadingForever() throws Exception {
        Path fifo = dir.resolve("sockleak-1-fifo.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        for (String file : List.of(fifo.toString(), "/dev/zero")) {
            for (String command : List.of("summary", "trend")) {
                CliRunner.Result result = CliRunner.run(command, file);
                assertEquals(2, result.exit(), result.err());
                assertEquals(List.of("sockleak " + command + ": " + file + ": not a regular file (a folder, FIFO or"
                        + " device is not a report)"), result.errLines());
            }
            CliRunner.Result html = CliRunner.run("html", file, "-o", dir.resolve("page.html").toString());
            assertEquals(2, html.exit(), html.err());
            assertEquals(List.of("sockleak html: " + file + ": not a regular file (a folder, FIFO or device is"
                    + " not a report)"), html.errLines());
        }
    }

    /** Year 1000000000 parses as an instant, and an hour count between it and 2025 overflows a long of ms. */
    @org.junit.jupiter.api.Test
    void trendRefusesADateNoReportCanHave() {
        Path now = report().writeTo(dir.resolve("sockleak-1-a.json"));
        Path extreme = report().at("+1000000000-01-01T00:00:00Z").writeTo(dir.resolve("sockleak-1-b.json"));
        CliRunner.Result result = CliRunner.run("trend", now.toString(), extreme.toString());
        assertEquals(2, result.exit(), result.err());
        assertEquals(List.of("sockleak trend: " + extreme + ": generatedAt '+1000000000-01-01T00:00:00Z' is not an"
                + " ISO-8601 instant between the years 1970 and 9999; trend needs it to order the reports"),
                result.errLines());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsAndFolders")
    void aFolderWhereAReportIsExpectedIsOneLine(String command) {
        CliRunner.Result result = CliRunner.run(command, dir.toString(), dir.toString());

        assertEquals(2, result.exit());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains(dir.toString()), result.err());
    }

    static Stream<String> commandsAndFolders() {
        return Stream.of("diff", "trend");
    }
}
