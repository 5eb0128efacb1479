package io.sockleak.e2e.threads;

import io.sockleak.model.ReportJson;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.testing.ChildJvm;
import io.sockleak.track.FrameRule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One child app of these tests under the built agent: the report it dumped while its sockets were open
 * (the OPEN-DUMP line) and its shutdown report, read through the report model.
 */
record ThreadsChild(ChildJvm.Result result, LeakReport open, LeakReport shutdown) {

    static ThreadsChild run(Path work, Class<?> app, String... args) throws Exception {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + reports + ",minCloseWait=0")
                .main(app, args).run().assertExitCode(0);
        assertTrue(result.stdout().contains("DONE"), result.stdout() + result.stderr());
        String dumped = result.stdout().lines().filter(l -> l.startsWith("OPEN-DUMP ")).findFirst()
                .orElseThrow(() -> new AssertionError("no OPEN-DUMP line: " + result.stdout() + result.stderr()))
                .substring("OPEN-DUMP ".length());
        ThreadsChild child = new ThreadsChild(result, ReportJson.read(Path.of(dumped)), ChildJvm.onlyReport(reports, "shutdown"));
        child.assertNoFrameOutsideTheApplication();
        child.assertNoAgentErrors();
        return child;
    }

    List<Leak> leaks() {
        return shutdown.leaks();
    }

    String describe() {
        return "leaks " + shutdown.leaks() + "\nopen " + open.summary() + " " + open.openBySite()
                + "\nstderr " + result.stderr();
    }

    /** No report field named frame ever holds a JDK, agent or library frame (FrameRule's own test). */
    private void assertNoFrameOutsideTheApplication() {
        for (LeakReport report : List.of(open, shutdown)) {
            List<String> frames = new ArrayList<>();
            report.leaks().forEach(l -> frames.add(l.frame()));
            report.sites().forEach(s -> frames.add(s.frame()));
            report.openBySite().forEach(s -> frames.add(s.frame()));
            report.listeners().forEach(l -> frames.add(l.frame()));
            report.stalePooled().forEach(s -> frames.add(s.frame()));
            for (String frame : frames) {
                if (frame != null) {
                    String cls = FrameRule.classNameOf(frame);
                    assertFalse(FrameRule.isPlatform(cls) || FrameRule.isLibrary(cls), "frame " + frame);
                }
            }
        }
    }

    private void assertNoAgentErrors() {
        for (LeakReport report : List.of(open, shutdown)) {
            assertTrue(report.agent().errors() == 0, "agent errors: " + report.agent());
        }
    }
}
