package io.sockleak.e2e.integrations;

import io.sockleak.e2e.integrations.apps.LeakingService;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.ChildReaper;
import io.sockleak.testing.MarkedLine;
import io.sockleak.testing.Poll;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sockleak's JFR events in a real recording: a service with the agent and -XX:StartFlightRecording
 * leaks three connections; the test dumps the running recording with jcmd until the events are there,
 * reads them with the JDK's RecordingFile, then reads the recording the JVM writes at exit.
 */
class JfrEventsIT {

    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="sockleak">
              <event name="io.sockleak.Leak"><setting name="enabled">true</setting></event>
              <event name="io.sockleak.LeakCounts">
                <setting name="enabled">true</setting>
                <setting name="period">1 s</setting>
              </event>
            </configuration>
            """;

    @TempDir
    Path work;

    @RegisterExtension
    final ChildReaper children = new ChildReaper();

    private ChildJvm.Started service;

    @Test
    void leaksAndCountsAreEventsOfTheRunningRecording() throws Exception {
        Path settings = Files.writeString(work.resolve("sockleak.jfc"), SETTINGS);
        Path atExit = work.resolve("at-exit.jfr");
        service = children.keep(ChildJvm.in(work).agentOptions("dir=" + work.resolve("reports") + ",minCloseWait=0")
                .jvmArg("-XX:StartFlightRecording:filename=" + atExit + ",settings=" + settings)
                .main(LeakingService.class).timeout(Duration.ofSeconds(90)).start());
        service.awaitLine("READY", Duration.ofSeconds(30));
        String frame = MarkedLine.frame(LeakingService.class, "connect", "LEAK");

        // The unread connection becomes a leak at the second look: poll the running recording.
        List<RecordedEvent> events = Poll.value("three leaks in the recording", Duration.ofSeconds(45), () -> {
            List<RecordedEvent> all = dump(service.pid());
            return latestCounts(all) != null && latestCounts(all).getLong("leaks") == 3 ? all : null;
        });
        RecordedEvent counts = latestCounts(events);
        assertEquals(3, counts.getLong("closeWait"), counts.toString());
        assertEquals(0, counts.getLong("untracked"), counts.toString());
        assertEquals(2, counts.getLong("readEofKept"), counts.toString());
        assertEquals(1, counts.getLong("closeWaitAged"), counts.toString());
        List<RecordedEvent> leaks = events.stream().filter(e -> e.getEventType().getName().equals("io.sockleak.Leak"))
                .toList();
        assertTrue(leaks.stream().allMatch(e -> frame.equals(e.getString("frame"))), leaks.toString());
        assertTrue(leaks.stream().allMatch(e -> e.getString("kind").equals("CLOSE_WAIT")
                && e.getInt("fd") > 2 && e.getString("local").startsWith("127.0.0.1:")
                && e.getString("siteId") != null), leaks.toString());
        assertEquals(List.of("CLOSE_WAIT_AGED", "READ_EOF_KEPT"),
                leaks.stream().map(e -> e.getString("verdict")).distinct().sorted().toList(), leaks.toString());
        System.out.println("[JfrEventsIT] Java " + Runtime.version() + ": " + counts + "\n" + leaks.get(0));

        service.tell("EXIT");
        ChildJvm.Result end = service.await().assertExitCode(0);
        assertFalse(end.stderr().contains("JFR:") || end.stderr().contains("Exception"), end.stderr());
        List<RecordedEvent> written = RecordingFile.readAllEvents(atExit);
        assertTrue(written.stream().anyMatch(e -> e.getEventType().getName().equals("io.sockleak.Leak")
                && frame.equals(e.getString("frame"))), "the recording written at exit holds the leaks");
    }

    @Test
    void aRuntimeWithoutJdkJfrRunsTheAgentAllTheSame() throws Exception {
        Path reports = work.resolve("reports");
        service = children.keep(ChildJvm.in(work).agentOptions("dir=" + reports + ",minCloseWait=0")
                .jvmArg("--limit-modules").jvmArg("java.base,java.instrument,java.management")
                .main(LeakingService.class).timeout(Duration.ofSeconds(60)).start());
        service.awaitLine("READY", Duration.ofSeconds(30));
        service.tell("EXIT");
        ChildJvm.Result end = service.await().assertExitCode(0);
        assertFalse(end.stderr().contains("agent not started") || end.stderr().contains("Error")
                || end.stderr().contains("JFR"), end.stderr());
        try (Stream<Path> files = Files.list(reports)) {
            Path report = files.filter(f -> f.toString().endsWith("-shutdown.json")).findFirst().orElseThrow();
            LeakReport read = ReportJson.read(report);
            assertTrue(read.summary().closeWait() >= 2, read.summary().toString());
        }
    }

    private List<RecordedEvent> dump(long pid) {
        try {
            Path snapshot = Files.createTempFile(work, "dump", ".jfr");
            Files.delete(snapshot);
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "JFR.dump", "filename=" + snapshot).redirectErrorStream(true)
                    .redirectOutput(work.resolve("jcmd.out").toFile()).start();
            if (jcmd.waitFor() != 0 || !Files.exists(snapshot)) {
                return List.of();
            }
            return RecordingFile.readAllEvents(snapshot);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static RecordedEvent latestCounts(List<RecordedEvent> events) {
        return events.stream().filter(e -> e.getEventType().getName().equals("io.sockleak.LeakCounts"))
                .reduce((a, b) -> b.getStartTime().isAfter(a.getStartTime()) ? b : a).orElse(null);
    }
}
