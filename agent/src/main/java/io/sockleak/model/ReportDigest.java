package io.sockleak.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report read as a stream, for commands that read many large reports ({@code trend}): one entry at
 * a time, keeping only what counts need, so memory does not grow with the report's size. The result is
 * a {@link LeakReport} with its time, trigger, process, summary and sites (stacks dropped where the
 * site names its frame), and of its leaks only those without a site; listeners, stale connections and
 * the other leaks are kept (stacks dropped) only for a report without a summary, whose counts come from
 * its lists. Same checks and messages as {@link ReportJson#read}.
 */
public final class ReportDigest {

    private ReportDigest() {
    }

    public static LeakReport read(Path file) throws ReportReadException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ReportReadException(file, "not a regular file (a folder, FIFO or device is not a report)");
        }
        try (JsonParser parser = ReportJson.mapper().getFactory().createParser(file.toFile())) {
            return new Reading(file, parser).read();
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ReportReadException(file, Files.exists(file) ? "permission denied" : "no such file");
        } catch (AccessDeniedException e) {
            throw new ReportReadException(file, "permission denied");
        } catch (JsonMappingException e) {
            throw new ReportReadException(file, "malformed report (" + ReportJson.firstLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new ReportReadException(file, "not valid JSON (" + ReportJson.firstLine(e.getMessage()) + ")");
        }
    }

    private static final class Reading {
        private final Path file;
        private final JsonParser parser;
        private Integer version;
        private String generatedAt;
        private String trigger;
        private ProcessInfo process;
        private Summary summary;
        private final List<SiteEntry> sites = new ArrayList<>();
        private final List<Leak> leaks = new ArrayList<>();
        private final List<Leak> siteless = new ArrayList<>();
        private final List<ListenerEntry> listeners = new ArrayList<>();
        private final List<StalePooled> stale = new ArrayList<>();

        Reading(Path file, JsonParser parser) {
            this.file = file;
            this.parser = parser;
        }

        LeakReport read() throws IOException, ReportReadException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ReportReadException(file, "empty file, not a sockleak report");
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                throw notAReport();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "schemaVersion" -> version = value.isNumeric() && parser.getNumberType() == JsonParser.NumberType.INT
                            ? parser.getIntValue() : -1;
                    case "generatedAt" -> generatedAt = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "trigger" -> trigger = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString("");
                    case "process" -> process = parser.readValueAs(ProcessInfo.class);
                    case "summary" -> summary = parser.readValueAs(Summary.class);
                    case "sites" -> each(SiteEntry.class, site -> sites.add(site.frame() == null ? site
                            : new SiteEntry(site.site(), site.count(), site.frame(), site.libraryFrame(), List.of())));
                    case "leaks" -> each(Leak.class, this::leak);
                    case "listeners" -> each(ListenerEntry.class, l -> {
                        if (summary == null) {
                            listeners.add(new ListenerEntry(l.local(), l.acceptQueue(), l.fd(), l.inode(), l.api(),
                                    l.openedAt(), l.thread(), List.of(), l.site(), l.unaccepted(), l.frame(),
                                    l.libraryFrame()));
                        }
                    });
                    case "stalePooled" -> each(StalePooled.class, s -> {
                        if (summary == null) {
                            stale.add(s);
                        }
                    });
                    default -> parser.skipChildren();
                }
            }
            if (version == null || trigger == null) {
                throw notAReport();
            }
            if (version > LeakReport.SCHEMA_VERSION) {
                throw new ReportReadException(file, "schemaVersion " + version
                        + " is newer than this sockleak understands (" + LeakReport.SCHEMA_VERSION + "); use a newer sockleak");
            }
            if (version < 1) {
                throw new ReportReadException(file, "invalid schemaVersion");
            }
            String outOfRange = ReportRanges.problem(summary, sites);
            if (outOfRange != null) {
                throw new ReportReadException(file, "malformed report (" + outOfRange + ")");
            }
            List<Leak> kept = summary == null ? leaks : siteless;
            return new LeakReport(version, generatedAt, trigger, process, null, null, summary,
                    summary == null ? listeners : List.of(), kept, summary == null ? stale : List.of(), sites,
                    List.of(), List.of(), List.of());
        }

        private void leak(Leak leak) {
            boolean noSite = leak.site() == null || leak.site().isBlank();
            if (noSite) {
                siteless.add(leak);
            }
            if (summary == null) {
                leaks.add(leak);
            }
        }

        private ReportReadException notAReport() {
            return new ReportReadException(file, "JSON but not a sockleak report (no schemaVersion/trigger)");
        }

        private interface Each<T> {
            void accept(T value) throws IOException;
        }

        /** Reads an array one element at a time ({@code null} is an empty list). */
        private <T> void each(Class<T> type, Each<T> action) throws IOException, ReportReadException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new ReportReadException(file, "malformed report (" + parser.currentName() + " is not a list)");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new ReportReadException(file, "not valid JSON (ends inside a list)");
                }
                action.accept(parser.readValueAs(type));
            }
        }
    }
}
