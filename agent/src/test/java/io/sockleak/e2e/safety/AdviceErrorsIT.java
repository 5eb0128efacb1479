package io.sockleak.e2e.safety;

import io.sockleak.model.LeakReport;
import io.sockleak.e2e.safety.apps.BridgeAbuse;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors inside the agent's event handling, from a real trigger: the JDK-facing bridge called with
 * objects it cannot read. The caller sees nothing, the report counts each one in agent.errors with the
 * last one named, and tracking goes on. (Unit level: SocketEventsTest, TrackerErrorsTest.)
 */
class AdviceErrorsIT {

    @TempDir
    Path work;

    @Test
    void errorsAreSwallowedCountedAndReported() {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports + ",summary=false")
                .main(BridgeAbuse.class).run().assertExitCode(0);
        assertEquals("the bridge returned normally 3 times\nread 1\nholding true true\n", result.stdout());
        Stderr.assertOnlyAgentLinesAndNoStackTraces(result.stderr());

        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertEquals(3, report.agent().errors(), String.valueOf(report.agent().lastError()));
        assertTrue(report.agent().lastError().startsWith("java.lang.ClassCastException"), report.agent().lastError());
        assertEquals(2, report.summary().trackedOpen(), "tracking goes on after the errors");
    }
}
