package io.sockleak.e2e.safety;

import io.sockleak.model.LeakReport;
import io.sockleak.e2e.safety.apps.EchoApp;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed options on a real -javaagent: the application runs and exits exactly as without the
 * agent, stderr holds one "sockleak:" line per problem and nothing else of the agent's but its start
 * line, and the agent runs on the defaults of the keys it could not use (docs/guarantees.md).
 */
class BadOptionsIT {

    private static final String KNOWN = "known: dir, interval, threshold, stackDepth, stackSampling, maxTracked, scanInterval,"
            + " summary, procRoot, shutdownTimeout, failureReportGap, minCloseWait, appPackages";

    @TempDir
    Path work;

    private String appAlone() {
        ChildJvm.Result alone = ChildJvm.in(work).withoutAgent().main(EchoApp.class).run().assertExitCode(0);
        assertEquals("", alone.stderr());
        return alone.stdout();
    }

    private static String startLine(Path reports) {
        return "sockleak: agent [^ ]+ started \\(premain\\), reports go to " + java.util.regex.Pattern.quote(
                reports.toString());
    }

    @Test
    void theCliOnlyKeysAreRefusedOnTheCommandLineAndTheRestApplies() throws Exception {
        Path reports = work.resolve("reports");
        Path bystander = java.nio.file.Files.writeString(work.resolve("bystander.txt"), "keep me");
        String options = "sockleak.command=stop,sockleak.reply=" + bystander + ",dir=" + reports + ",summary=false";
        ChildJvm.Result withAgent = ChildJvm.in(work).agentOptions(options).main(EchoApp.class).run().assertExitCode(0);

        assertEquals(appAlone(), withAgent.stdout());
        assertTrue(withAgent.stderr().contains("sockleak: options sockleak.command and sockleak.reply belong to the"
                + " sockleak CLI's attach; ignored in -javaagent"), withAgent.stderr());
        assertTrue(withAgent.stderr().lines().anyMatch(l -> l.matches(startLine(reports))), withAgent.stderr());
        assertEquals("keep me", java.nio.file.Files.readString(bystander), "the named file is not touched");
        assertEquals(1, ChildJvm.reports(reports).size(), "the agent ran: its shutdown report");
    }

    @Test
    void everyMalformedOptionIsOneLineAndTheAppIsUnchanged() {
        Path reports = work.resolve("reports");
        String options = "dir=" + reports + ",summary=false,treshold=5,threshold=abc,maxTracked=99999999999999999999,"
                + "interval=-5s,stackDepth=,shutdownTimeout=0,scanInterval=2s,scanInterval=5x,,noequals";
        ChildJvm.Result withAgent = ChildJvm.in(work).agentOptions(options).main(EchoApp.class).run().assertExitCode(0);

        assertEquals(appAlone(), withAgent.stdout());
        List<String> expected = List.of(
                "sockleak: unknown option 'treshold' ignored; did you mean 'threshold'? (" + KNOWN + ")",
                "sockleak: option threshold=abc: not a whole number; using the default",
                "sockleak: option maxTracked=99999999999999999999: must be between 1 and 10000000; using the default",
                "sockleak: option interval=-5s: must not be negative; using the default",
                "sockleak: option 'stackDepth' has an empty value; using the default",
                "sockleak: option shutdownTimeout=0: must be greater than zero; using the default",
                "sockleak: option 'scanInterval' given more than once; the last value wins",
                "sockleak: option scanInterval=5x: unknown unit 'x' (use ms, s, m or h); using the default",
                "sockleak: option 'noequals' is not key=value; ignored",
                "sockleak: empty entries between commas in '" + options + "' ignored");
        List<String> lines = Stderr.lines(withAgent.stderr());
        assertEquals(expected.size() + 1, lines.size(), withAgent.stderr());
        assertEquals(expected, lines.subList(0, expected.size()));
        assertTrue(lines.get(expected.size()).matches(startLine(reports)), lines.get(expected.size()));
        Stderr.assertOnlyAgentLinesAndNoStackTraces(withAgent.stderr());

        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        assertEquals(100_000, report.agent().maxTracked(), "maxTracked: the default");
        assertEquals(64, report.agent().stackDepth(), "stackDepth: the default");
        assertEquals(options, report.agent().options());
        assertEquals(0, report.agent().errors());
    }

    @Test
    void optionsThatAreAllGarbageStillLeaveTheAppAlone() {
        String options = "=,==, ,\t,x,=x,dir,sockleak.nothing=1";
        ChildJvm.Result withAgent = ChildJvm.in(work).agentOptions(options).main(EchoApp.class).run().assertExitCode(0);
        assertEquals(appAlone(), withAgent.stdout());
        Stderr.assertOnlyAgentLinesAndNoStackTraces(withAgent.stderr());
        List<String> lines = Stderr.lines(withAgent.stderr());
        assertEquals(List.of(
                "sockleak: option '=' is not key=value; ignored",
                "sockleak: option '==' is not key=value; ignored",
                "sockleak: option 'x' is not key=value; ignored",
                "sockleak: option '=x' is not key=value; ignored",
                "sockleak: option 'dir' is not key=value; ignored",
                "sockleak: unknown option 'sockleak.nothing' ignored (" + KNOWN + ")",
                "sockleak: empty entries between commas in '" + options + "' ignored"), lines.subList(0, 7));
        assertTrue(lines.get(7).matches(startLine(work.resolve("sockleak-reports"))), lines.get(7));
        assertTrue(Files.isDirectory(work.resolve("sockleak-reports")), "the default folder, in the working directory");
    }

    @Test
    void theAgentTwiceOnTheCommandLineRunsOnceWithTheFirstOptions() throws Exception {
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        ChildJvm.Result twice = ChildJvm.in(work).agentOptions("dir=" + first + ",summary=false")
                .jvmArg("-javaagent:" + ChildJvm.agentJar() + "=dir=" + second + ",maxTracked=x")
                .main(EchoApp.class).run().assertExitCode(0);
        assertEquals(appAlone(), twice.stdout());
        Stderr.assertOnlyAgentLinesAndNoStackTraces(twice.stderr());
        List<String> lines = new ArrayList<>(Stderr.lines(twice.stderr()));
        assertEquals(3, lines.size(), twice.stderr());
        assertTrue(lines.get(0).matches(startLine(first)), lines.get(0));
        assertEquals("sockleak: option maxTracked=x: not a whole number; using the default", lines.get(1));
        assertEquals("sockleak: agent already running (premain, options 'dir=" + first + ",summary=false');"
                + " options 'dir=" + second + ",maxTracked=x' of this start ignored", lines.get(2));
        assertEquals(1, ChildJvm.reports(first).size());
        assertFalse(Files.exists(second));
    }
}
