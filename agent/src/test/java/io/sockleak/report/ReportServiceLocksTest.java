package io.sockleak.report;

import io.sockleak.support.Console;
import io.sockleak.diagnose.CloseWaitClock;
import io.sockleak.diagnose.Diagnoser;
import io.sockleak.diagnose.Diagnosis;
import io.sockleak.kernel.KernelView;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.ProcessInfo;
import io.sockleak.model.Trigger;
import io.sockleak.testing.Poll;
import io.sockleak.track.SocketTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMX counters never wait for a report's writing (issue 14: one lock for both let a hung folder
 * stall an application's metrics endpoint). The writing is made to hang for real: the folder cannot
 * be written, and the line that says so goes to a stderr pipe nobody reads, already full.
 */
class ReportServiceLocksTest {

    @TempDir
    Path work;

    @Test
    void aDiagnosisReturnsWhileAReportIsStuckInItsWriting() throws Exception {
        Pipe stderr = Pipe.open();
        fill(stderr.sink());
        Files.writeString(work.resolve("blocker"), "a file where the folder's parent should be");
        SocketTracker tracker = new SocketTracker(null, 8, 10);
        ReportService reports = new ReportService(tracker, new KernelView(work.resolve("no-proc")),
                new Diagnoser(new CloseWaitClock(), () -> 0L), new ReportWriter(work.resolve("blocker/reports"), 4242),
                () -> new ProcessInfo(4242, "Main", "17", "test", "premain", "2025-01-01T00:00:00Z", null),
                () -> new AgentStatus(0, null, 10, 0, 0, 8, 0, ""), List::of,
                new Console(new PrintStream(Channels.newOutputStream(stderr.sink()), true)));

        Thread writing = new Thread(() -> reports.report(Trigger.INTERVAL), "stuck-report");
        writing.setDaemon(true);
        writing.start();
        Poll.until("the report is stuck telling its write problem", Duration.ofSeconds(10),
                () -> Arrays.stream(writing.getStackTrace()).anyMatch(f -> f.getClassName().equals(Console.class.getName())));

        long start = System.nanoTime();
        Diagnosis diagnosis = CompletableFuture.supplyAsync(reports::diagnose).get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertNotNull(diagnosis);
        assertTrue(writing.isAlive(), "the report is still stuck");
        System.out.println("[ReportServiceLocksTest] diagnosis during a stuck write: " + millis + " ms");

        drain(stderr.source());
        writing.join(10_000);
        assertTrue(!writing.isAlive(), "the report finished once stderr was read");
    }

    private static void fill(Pipe.SinkChannel sink) throws IOException {
        sink.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        while (true) {
            chunk.clear();
            if (sink.write(chunk) == 0) {
                break;
            }
        }
        sink.configureBlocking(true);
    }

    private static void drain(Pipe.SourceChannel source) {
        Thread reader = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            try {
                while (source.read(buffer) >= 0) {
                    buffer.clear();
                }
            } catch (IOException closed) {
                // done
            }
        }, "stderr-reader");
        reader.setDaemon(true);
        reader.start();
    }
}
