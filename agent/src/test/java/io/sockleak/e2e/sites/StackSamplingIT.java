package io.sockleak.e2e.sites;

import io.sockleak.e2e.sites.apps.SamplingApp;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.MarkedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stack sampling end to end: a line that opens sockets fast gets most of its stacks as samples, every
 * one of its leaks still names that line and says it is a sample; once a leak with a sampled stack
 * has been reported, the key captures every stack again, and another line's leaks name their own line.
 */
class StackSamplingIT {

    private static final int OPENS = 1500;

    @TempDir
    Path work;

    @Test
    void sampledLeaksNameTheirLineAndSayItAndAReportedSampleMakesTheKeyExactAgain() throws Exception {
        ChildJvm.Result result = ChildJvm.in(work)
                .agentOptions("dir=" + work.resolve("reports") + ",minCloseWait=0,scanInterval=off")
                .main(SamplingApp.class, String.valueOf(OPENS)).run().assertExitCode(0);
        List<String> dumps = result.stdout().lines().filter(l -> l.startsWith("DUMP ")).map(l -> l.substring(5)).toList();
        assertEquals(2, dumps.size(), result.stdout() + result.stderr());
        String fast = MarkedLine.frame(SamplingApp.class, "open", "FAST");
        String later = MarkedLine.frame(SamplingApp.class, "main", "LATER");

        LeakReport first = ReportJson.read(Path.of(dumps.get(0)));
        List<Leak> leaks = first.leaks().stream().filter(l -> "connected".equals(l.origin())).toList();
        assertEquals(OPENS / 3, leaks.size(), "every kept socket is a leak, sampled or not");
        assertEquals(Set.of(fast), leaks.stream().map(Leak::frame).collect(Collectors.toSet()));
        long sampled = leaks.stream().filter(Leak::stackSampled).count();
        assertTrue(sampled > leaks.size() / 2, "a line that opens " + OPENS + " sockets at once is sampled: "
                + sampled + " of " + leaks.size() + " leaks have a sampled stack");
        assertTrue(leaks.stream().filter(Leak::stackSampled).allMatch(l -> l.stack().stream().anyMatch(fast::equals)),
                "a sample's stack is one captured at the same line");

        Set<String> laterPorts = result.stdout().lines().filter(l -> l.startsWith("LATER "))
                .map(l -> ":" + l.substring(6)).collect(Collectors.toSet());
        LeakReport second = ReportJson.read(Path.of(dumps.get(1)));
        List<Leak> laterLeaks = second.leaks().stream()
                .filter(l -> laterPorts.stream().anyMatch(p -> l.local().endsWith(p))).toList();
        assertEquals(5, laterLeaks.size(), second.leaks().size() + " leaks, the later line's ports " + laterPorts);
        for (Leak leak : laterLeaks) {
            assertEquals(later, leak.frame(), "after a sampled leak was reported, the key's stacks are exact again");
            assertTrue(!leak.stackSampled(), leak.toString());
        }
    }

    @Test
    void withSamplingOffEverySocketHasItsOwnStack() throws Exception {
        ChildJvm.Result result = ChildJvm.in(work)
                .agentOptions("dir=" + work.resolve("reports") + ",minCloseWait=0,scanInterval=off,stackSampling=off")
                .main(SamplingApp.class, String.valueOf(OPENS)).run().assertExitCode(0);
        String firstDump = result.stdout().lines().filter(l -> l.startsWith("DUMP ")).findFirst()
                .orElseThrow(() -> new AssertionError(result.stdout() + result.stderr())).substring(5);
        List<Leak> leaks = ReportJson.read(Path.of(firstDump)).leaks().stream()
                .filter(l -> "connected".equals(l.origin())).toList();
        assertEquals(OPENS / 3, leaks.size());
        String fast = MarkedLine.frame(SamplingApp.class, "open", "FAST");
        assertEquals(List.of(), leaks.stream().filter(l -> l.stackSampled() || !fast.equals(l.frame())).toList(),
                "stackSampling=off: every leak has its own stack, naming the line");
    }

    /** The correct-code twin: the same hot line closing every socket reports no leak, whenever asked. */
    @Test
    void aHotLineThatClosesEverySocketReportsNoLeakAtDumpIntervalThresholdOrShutdown() throws Exception {
        Path reports = work.resolve("reports");
        ChildJvm.Result result = ChildJvm.in(work)
                .agentOptions("dir=" + reports + ",minCloseWait=0,interval=1s,threshold=1")
                .main(SamplingApp.class, String.valueOf(OPENS), "correct", reports.toString()).run().assertExitCode(0);
        assertTrue(result.stdout().contains("DUMP "), result.stdout() + result.stderr());
        List<Path> files;
        try (java.util.stream.Stream<Path> list = java.nio.file.Files.list(reports)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<LeakReport> written = new java.util.ArrayList<>();
        for (Path file : files) {
            written.add(ReportJson.read(file));
        }
        assertEquals(Set.of("interval", "on-demand", "shutdown"),
                written.stream().map(LeakReport::trigger).collect(Collectors.toSet()), "no threshold report: " + files);
        for (LeakReport report : written) {
            assertEquals(0, report.summary().leaks(), report.trigger() + ": " + report.leaks());
        }
    }
}
