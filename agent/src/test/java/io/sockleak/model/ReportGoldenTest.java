package io.sockleak.model;

import io.sockleak.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JSON written for a fixed set of findings ({@link GoldenFindings}) is byte for byte the golden
 * file committed before the packages were re-housed: moving or retyping the model must not change a
 * report. {@code -Dgolden.write=true} rewrites the files (only for a deliberate schema change).
 */
class ReportGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void theReportWriterWritesTheGoldenBytes() throws IOException {
        assertGolden("report.json", GoldenFindings.report(), tmp);
    }

    @Test
    void anEarlierReportOfTheSameProcessToo() throws IOException {
        assertGolden("report-earlier.json", GoldenFindings.earlier(), tmp);
    }

    @Test
    void theGoldenReportReadsBackToTheSameFindings() throws Exception {
        LeakReport read = ReportJson.read(GoldenFindings.FOLDER.resolve("report.json"));
        assertEquals(GoldenFindings.report(), read);
    }

    private static void assertGolden(String name, LeakReport report, Path tmp) throws IOException {
        Path written = new ReportWriter(tmp, GoldenFindings.PID).write(ReportJson.toBytes(report),
                Instant.parse(report.generatedAt()), report.trigger());
        String actual = Files.readString(written, StandardCharsets.UTF_8);
        Path golden = GoldenFindings.FOLDER.resolve(name);
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "the report JSON changed: " + golden);
    }
}
