package io.sockleak.e2e.ports;

import io.sockleak.model.BindFailure;
import io.sockleak.model.LeakReport;
import io.sockleak.model.PortHolder;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.MarkedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Address already in use" because of a listener: the leaked server of a previous test (this JVM,
 * named with the stack that opened it) or another process's (named with its pid). Real child JVMs
 * with the built agent, on real loopback sockets.
 */
class PortBindFailureIT {

    private static final String IN_USE = "java.net.BindException: Address already in use";

    @TempDir
    Path work;

    @Test
    void aLeakedListenerIsNamedAsTheHolderWithTheStackThatOpenedIt() {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports)
                .main(LeakedListenerApp.class, "leak").run().assertExitCode(0);
        int port = Integer.parseInt(line(result, "leaked listener on port ").trim());
        // the application's exceptions are the JDK's, untouched
        assertEquals(IN_USE, line(result, "socket-bind: "), result.stdout());
        assertEquals(IN_USE, line(result, "channel-bind: "), result.stdout());
        assertEquals(IN_USE, line(result, "server-bind: "), result.stdout());

        List<BindFailure> failures = shutdownReport(reports, result).bindFailures();
        assertEquals(3, failures.size(), failures::toString);
        String leakedAt = MarkedLine.frame(LeakedListenerApp.class, "leak", "LEAK: never closed");
        List<String> calls = List.of("java.base/java.net.Socket.bind(",
                "java.base/java.nio.channels.ServerSocketChannel.bind(", "java.base/java.net.ServerSocket.<init>(");
        List<Boolean> reuse = List.of(false, true, true); // a client Socket has it off, listeners on
        for (int i = 0; i < 3; i++) {
            BindFailure f = failures.get(i);
            assertEquals(port, f.port());
            assertEquals("127.0.0.1:" + port, f.address());
            assertEquals("main", f.thread());
            assertTrue(f.stack().get(0).startsWith(calls.get(i)), f.stack()::toString);
            assertTrue(f.stack().stream().anyMatch(s -> s.startsWith(LeakedListenerApp.class.getName() + ".main(")),
                    f.stack()::toString);
            assertEquals(reuse.get(i), f.reuseAddress());
            assertEquals(1, f.holders().size(), f.holders()::toString);
            PortHolder holder = f.holders().get(0);
            assertEquals("LISTEN", holder.state());
            assertEquals("this-jvm", holder.owner());
            assertEquals(null, holder.pid());
            assertEquals(1, holder.count());
            assertEquals("127.0.0.1:" + port, holder.local());
            assertTrue(holder.stack().get(0).startsWith("java.base/java.net.ServerSocket.<init>("), holder.stack()::toString);
            assertTrue(holder.stack().contains(leakedAt), leakedAt + " not in " + holder.stack());
            assertTrue(f.hint().startsWith("a listener opened by this JVM still holds the port"), f.hint());
        }
        String line = "sockleak: bind 127.0.0.1:" + port + " failed: Address already in use; held by LISTEN in this"
                + " JVM opened at " + leakedAt + "; hint: a listener opened by this JVM still holds the port";
        assertEquals(3, result.stderr().lines().filter(l -> l.startsWith(line)).count(), result.stderr());
    }

    @Test
    void aListenerOfAnotherProcessIsNamedWithItsPid() throws IOException {
        long myPid = ProcessHandle.current().pid();
        try (ServerSocket mine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = mine.getLocalPort();
            Path reports = work.resolve("reports");
            ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports)
                    .main(LeakedListenerApp.class, "bind", String.valueOf(port)).run().assertExitCode(0);
            assertEquals(IN_USE, line(result, "server-bind: "), result.stdout());

            List<BindFailure> failures = shutdownReport(reports, result).bindFailures();
            assertEquals(1, failures.size(), failures::toString);
            PortHolder holder = failures.get(0).holders().get(0);
            assertEquals(new PortHolder("LISTEN", "other-process", myPid, 1, "127.0.0.1:" + port, null, List.of()),
                    holder);
            assertEquals("process " + myPid + " listens on the port: stop it or choose another port",
                    failures.get(0).hint());
            assertTrue(result.stderr().contains("sockleak: bind 127.0.0.1:" + port + " failed: Address already in"
                    + " use; held by LISTEN in process " + myPid + "; hint: process " + myPid), result.stderr());
        }
    }

    /** The child's one shutdown report; if there is none, the failure shows what the child said. */
    static LeakReport shutdownReport(Path reports, ChildJvm.Result result) {
        try {
            return ChildJvm.onlyReport(reports, "shutdown");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nstdout:\n" + result.stdout() + "\nstderr:\n" + result.stderr(), e);
        }
    }

    /** The rest of the first stdout line starting with {@code prefix}. */
    static String line(ChildJvm.Result result, String prefix) {
        return result.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line\nstdout:\n" + result.stdout()
                        + "\nstderr:\n" + result.stderr()));
    }
}
