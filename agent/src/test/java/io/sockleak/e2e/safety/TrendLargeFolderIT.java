package io.sockleak.e2e.safety;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trend} over a folder far larger than its heap (issue 14: 200 reports of an app with 8,000
 * leaks ran out of memory at 6.5 GB): 200 reports of 5-12 MB each (1.7 GB on disk), read by a CLI with
 * a 64 MB heap, which streams each report into its counts.
 */
class TrendLargeFolderIT {

    private static final int REPORTS = 200;
    private static final int LEAKS = 2000;
    private static final int SITES = 4;
    private static final int FRAMES = 30;

    /** Plain Jackson: the agent's copy in the built jar is relocated. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void twoHundredLargeReportsInA64MbHeap() throws IOException {
        Instant first = Instant.parse("2025-03-01T00:00:00Z");
        long bytes = 0;
        for (int i = 0; i < REPORTS; i++) {
            // Leaks grow by 10 per report at the first site: a trend to find.
            bytes += write(folder.resolve(String.format("sockleak-4242-%03d-interval.json", i)),
                    first.plus(Duration.ofMinutes(5L * i)), LEAKS + 10 * i);
        }
        assertTrue(bytes > 1_000_000_000L, "a folder of " + bytes + " bytes");

        long start = System.nanoTime();
        ChildJvm.Result result = ChildJvm.in(folder.getParent()).withoutAgent().jvmArg("-Xmx64m")
                .timeout(Duration.ofMinutes(5)).jar(ChildJvm.agentJar(), "trend", "--json", folder.toString()).run();
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        result.assertExitCode(0);
        JsonNode answer = JSON.readTree(result.stdout());
        assertEquals(REPORTS, answer.get("reports").asInt());
        JsonNode process = answer.get("processes").get(0);
        JsonNode leaks = process.get("leaks").get("counts");
        assertEquals(LEAKS, leaks.get(0).asInt());
        assertEquals(LEAKS + 10 * (REPORTS - 1), leaks.get(REPORTS - 1).asInt());
        assertEquals(SITES, process.get("sites").size());
        System.out.println("[TrendLargeFolderIT] trend over " + REPORTS + " reports, " + bytes / 1_000_000
                + " MB, with -Xmx64m: " + seconds + " s");
    }

    /** One report: {@code leaks} CLOSE_WAIT leaks with 30-frame stacks over {@value #SITES} sites; returns its size. */
    private static long write(Path file, Instant at, int leaks) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream(8 << 20);
        try (JsonGenerator g = JSON.getFactory().createGenerator(json)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 2);
            g.writeStringField("generatedAt", at.toString());
            g.writeStringField("trigger", "interval");
            g.writeObjectFieldStart("process");
            g.writeNumberField("pid", 4242);
            g.writeStringField("mainClass", "com.example.Shop");
            g.writeStringField("agentStartedAt", "2025-03-01T00:00:00Z");
            g.writeEndObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("trackedOpen", leaks);
            g.writeNumberField("closeWait", leaks);
            g.writeEndObject();
            g.writeArrayFieldStart("leaks");
            for (int i = 0; i < leaks; i++) {
                g.writeStartObject();
                g.writeStringField("kind", "CLOSE_WAIT");
                g.writeStringField("local", "127.0.0.1:8080");
                g.writeStringField("remote", "127.0.0.1:" + (10000 + i % 50000));
                g.writeStringField("site", site(i));
                g.writeStringField("frame", frame(i, 0));
                g.writeArrayFieldStart("stack");
                for (int f = 0; f < FRAMES; f++) {
                    g.writeString(frame(i, f));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("sites");
            for (int s = 0; s < SITES; s++) {
                g.writeStartObject();
                g.writeStringField("site", site(s));
                g.writeNumberField("count", leaks / SITES + (s == 0 ? leaks % SITES : 0));
                g.writeStringField("frame", frame(s, 0));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(json.toByteArray());
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
        return json.size();
    }

    private static String site(int i) {
        return "s" + (i % SITES) + "000000";
    }

    private static String frame(int i, int depth) {
        return "com.example.shop.checkout.PaymentGatewayClient" + (i % SITES) + ".call" + depth
                + "(PaymentGatewayClient.java:" + (100 + depth) + ")";
    }
}
