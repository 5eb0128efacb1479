package io.sockleak.e2e.ports;

import io.sockleak.model.BindFailure;
import io.sockleak.model.PortHolder;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lisp and C seeds: a server with SO_REUSEADDR off closed a connection first, so its end of it is
 * in TIME_WAIT on the server's port; binding the port again fails with SO_REUSEADDR off and, on
 * Linux, with it on too (the TIME_WAIT socket did not have it). The report must name the TIME_WAIT
 * holder with its time left and say what SO_REUSEADDR would and would not do.
 */
class PortTimeWaitIT {

    private static final String IN_USE = "java.net.BindException: Address already in use";

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"socket", "channel"})
    void rebindOverTimeWaitNamesTheTimeWaitAndTheReuseAddressRule(String api) {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports)
                .main(TimeWaitApp.class, api).run().assertExitCode(0);
        String[] timeWait = PortBindFailureIT.line(result, "time-wait on port ").split(": ");
        int port = Integer.parseInt(timeWait[0]);
        assertEquals("true", timeWait[1], "the child saw its TIME_WAIT row");
        assertEquals(IN_USE, PortBindFailureIT.line(result, "rebind reuse=false: "));
        assertEquals(IN_USE, PortBindFailureIT.line(result, "rebind reuse=true: "));

        List<BindFailure> failures = PortBindFailureIT.shutdownReport(reports, result).bindFailures();
        assertEquals(2, failures.size(), failures::toString);
        String call = api.equals("socket") ? "java.base/java.net.ServerSocket.bind("
                : "java.base/java.nio.channels.ServerSocketChannel.bind(";
        for (BindFailure f : failures) {
            assertEquals(port, f.port());
            assertTrue(f.stack().get(0).startsWith(call), f.stack()::toString);
            PortHolder tw = f.holders().stream().filter(h -> h.state().equals("TIME_WAIT")).findFirst()
                    .orElseThrow(() -> new AssertionError("no TIME_WAIT holder: " + f.holders()));
            assertEquals("none", tw.owner());
            assertEquals(null, tw.pid());
            assertTrue(tw.count() >= 1, tw::toString);
            assertEquals("127.0.0.1:" + port, tw.local());
            assertTrue(tw.secondsLeft() != null && tw.secondsLeft() > 0 && tw.secondsLeft() <= 60, tw::toString);
            assertTrue(f.holders().stream().noneMatch(h -> h.state().equals("LISTEN")), f.holders()::toString);
            assertTrue(f.hint().contains("SO_REUSEADDR"), f.hint());
        }
        BindFailure off = failures.get(0);
        assertEquals(false, off.reuseAddress());
        assertTrue(off.hint().startsWith("set SO_REUSEADDR on the socket before bind: it was off here"), off.hint());
        assertTrue(off.hint().contains("Linux also requires it on the socket that left TIME_WAIT"), off.hint());
        BindFailure on = failures.get(1);
        assertEquals(true, on.reuseAddress());
        assertTrue(on.hint().startsWith("SO_REUSEADDR is already on for this bind, but Linux lets a bind over"
                + " TIME_WAIT through only if the socket that left TIME_WAIT had it too"), on.hint());

        String line = "sockleak: bind 127.0.0.1:" + port + " failed: Address already in use; held by 1 TIME_WAIT (";
        assertTrue(result.stderr().lines().anyMatch(l -> l.startsWith(line)
                && l.contains(" s left); hint: set SO_REUSEADDR on the socket before bind")), result.stderr());
    }
}
