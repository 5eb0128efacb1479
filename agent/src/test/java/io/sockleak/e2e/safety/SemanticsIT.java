package io.sockleak.e2e.safety;

import io.sockleak.model.LeakReport;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application cannot tell the agent is there: {@link SocketSemantics} (timeouts, exceptions and
 * their messages, interrupts, half-close, closed-socket errors, async channels, virtual threads on
 * 21+) prints the same lines with and without it, on whichever JDK runs the build.
 */
class SemanticsIT {

    @TempDir
    Path work;

    @Test
    void socketBehaviourIsIdenticalWithAndWithoutTheAgent() {
        ChildJvm.Result alone = ChildJvm.in(work).withoutAgent().main(SocketSemantics.class).run().assertExitCode(0);
        Path reports = work.resolve("reports");
        ChildJvm.Result with = ChildJvm.in(work).agentOptions("dir=" + reports).main(SocketSemantics.class).run()
                .assertExitCode(0);

        assertTrue(alone.stdout().contains("\nDONE 42\n"), alone.stdout());
        assertFalse(alone.stdout().contains("UNEXPECTED"), "a case is broken on its own:\n" + alone.stdout());
        assertEquals("", alone.stderr());
        assertEquals(alone.stdout(), with.stdout());
        if (Runtime.version().feature() >= 21) {
            assertTrue(with.stdout().contains("virtual-many: 200 of 200 echoed; first failure none"), with.stdout());
        }

        Stderr.assertOnlyAgentLinesAndNoStackTraces(with.stderr());
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertEquals(0, report.agent().errors(), String.valueOf(report.agent().lastError()));
        assertEquals(0, report.summary().trackedOpen(), "every socket the cases opened was closed and seen closed");
        assertFalse(report.bindFailures().isEmpty(), "the agent was at work: it explained the binds in use");
    }
}
