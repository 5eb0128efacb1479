package io.sockleak.cli.analyse;

import io.sockleak.model.GoldenFindings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code --json} answers of summary, diff and trend for the golden reports are byte for byte the
 * golden answers committed with them (docs/report-schema.md describes their shape). {@code
 * -Dgolden.write=true} rewrites them (only for a deliberate change of an answer's shape).
 */
class AnswerGoldenTest {

    private static final Path REPORT = GoldenFindings.FOLDER.resolve("report.json");
    private static final Path EARLIER = GoldenFindings.FOLDER.resolve("report-earlier.json");

    @Test
    void summaryJson() throws IOException {
        assertGolden("summary.json", "summary", "--json", REPORT.toString());
    }

    @Test
    void diffJson() throws IOException {
        assertGolden("diff.json", "diff", "--json", EARLIER.toString(), REPORT.toString());
    }

    @Test
    void trendJson() throws IOException {
        assertGolden("trend.json", "trend", "--json", EARLIER.toString(), REPORT.toString());
    }

    private static void assertGolden(String name, String... args) throws IOException {
        CliRunner.Result result = CliRunner.run(args);
        assertEquals(0, result.exit(), result.err());
        Path golden = GoldenFindings.FOLDER.resolve(name);
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(golden, result.out(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), result.out(),
                String.join(" ", args) + " answered differently: " + golden);
    }
}
