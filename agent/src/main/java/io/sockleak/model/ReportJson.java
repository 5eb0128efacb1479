package io.sockleak.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The one place that turns reports into JSON and back. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ReportJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(LeakReport report) {
        try {
            return MAPPER.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report", e);
        }
    }

    /**
     * Streams {@code report} to {@code out} through Jackson's generator (a buffer of a few KB, whatever
     * the report's size); {@code out} is flushed, not closed.
     */
    public static void write(LeakReport report, OutputStream out) throws IOException {
        MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, report);
    }

    /**
     * Builds the serializers of the report model ahead of a report that must not spend Jackson's
     * set-up (0.5-2 s for the first serialization in a JVM). Never throws.
     */
    public static void warmUp() {
        try {
            for (Class<?> type : List.of(LeakReport.class, ProcessInfo.class, FdUsage.class, AgentStatus.class,
                    KernelStatus.class, Summary.class, ListenerEntry.class, UnacceptedConnection.class, Leak.class,
                    SiteEntry.class, BindFailure.class, PortHolder.class)) {
                MAPPER.canSerialize(type);
            }
            MAPPER.writeValueAsBytes(new PortHolder("LISTEN", PortHolder.NONE, null, 1, "*:0", null, List.of()));
        } catch (Exception | LinkageError e) {
            // only a warm-up: the report will do it itself
        }
    }

    /** Reads a report written by any agent of this schema version or older. */
    public static LeakReport read(Path file) throws ReportReadException {
        // A FIFO would block the read forever and a device (/dev/zero) never ends: reports are files.
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ReportReadException(file, "not a regular file (a folder, FIFO or device is not a report)");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            long limit = Runtime.getRuntime().maxMemory() / 4;
            if (size > limit) {
                throw new ReportReadException(file, "too large to read here (" + size + " bytes; this JVM reads"
                        + " reports up to a quarter of its heap, " + limit + " bytes: give it more with -Xmx)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ReportReadException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new ReportReadException(file, "permission denied");
        } catch (IOException e) {
            throw new ReportReadException(file, "cannot read: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new ReportReadException(file, "empty file, not a sockleak report");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ReportReadException(file, "not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (tree == null || !tree.isObject() || !tree.hasNonNull("schemaVersion") || !tree.has("trigger")) {
            throw new ReportReadException(file, "JSON but not a sockleak report (no schemaVersion/trigger)");
        }
        int version = tree.get("schemaVersion").asInt(-1);
        if (version > LeakReport.SCHEMA_VERSION) {
            throw new ReportReadException(file, "schemaVersion " + version
                    + " is newer than this sockleak understands (" + LeakReport.SCHEMA_VERSION + "); use a newer sockleak");
        }
        if (version < 1) {
            throw new ReportReadException(file, "invalid schemaVersion " + tree.get("schemaVersion"));
        }
        LeakReport report;
        try {
            report = MAPPER.treeToValue(tree, LeakReport.class);
        } catch (IOException e) {
            throw new ReportReadException(file, "malformed report (" + firstLine(e.getMessage()) + ")");
        }
        String outOfRange = ReportRanges.problem(report.summary(), report.sites());
        if (outOfRange != null) {
            throw new ReportReadException(file, "malformed report (" + outOfRange + ")");
        }
        return report;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

}
