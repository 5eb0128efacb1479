package io.sockleak.e2e.threads;

import io.sockleak.e2e.threads.apps.HttpClientApp;
import io.sockleak.model.Leak;
import io.sockleak.testing.MarkedLine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * java.net.http makes its connections on a worker thread and connects them on its selector thread:
 * neither stack holds the application's frame. The request's cause, taken on the caller's thread, must
 * still give the leak the application's send or sendAsync line.
 */
class HttpClientThreadsIT {

    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({"send, send, SEND", "async, sendAsync, SEND-ASYNC"})
    void aResponseBodyNeverReadLeaksItsConnectionAtTheSendLine(String mode, String method, String marker)
            throws Exception {
        ThreadsChild child = ThreadsChild.run(work, HttpClientApp.class, mode, "leak");
        String send = MarkedLine.frame(HttpClientApp.class, method, marker);
        List<Leak> leaks = child.leaks();
        assertEquals(3, leaks.size(), child.describe());
        for (Leak leak : leaks) {
            assertEquals("CLOSE_WAIT", leak.kind());
            assertEquals("connected", leak.origin());
            assertEquals("channel", leak.api());
            assertEquals(send, leak.frame(), child.describe());
            assertEquals("main", leak.requestThread());
            assertEquals("java.net.http", leak.openedBy());
            assertTrue(leak.thread().startsWith("HttpClient-"), "opened by the client's own thread: " + leak.thread());
            assertTrue(leak.openStack().stream().anyMatch(f -> f.contains("jdk.internal.net.http.")),
                    leak.openStack().toString());
        }
        assertEquals(0, child.shutdown().summary().untrackedOpen(), child.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"send", "async"})
    void bodiesReadToTheirEndLeaveNothingOpen(String mode) throws Exception {
        ThreadsChild child = ThreadsChild.run(work, HttpClientApp.class, mode, "close");
        assertEquals(List.of(), child.leaks(), child.describe());
        // The client may keep the connection in its pool until the server's idle timeout; never more
        // than the one connection, and never a CLOSE_WAIT socket it forgot.
        assertTrue(child.shutdown().summary().trackedOpen() <= 1, child.describe());
        assertEquals(0, child.shutdown().summary().young(), child.describe());
        assertEquals(List.of(), child.shutdown().stalePooled(), child.describe());
    }
}
