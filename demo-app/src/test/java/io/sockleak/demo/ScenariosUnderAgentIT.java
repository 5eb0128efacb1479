package io.sockleak.demo;

import io.sockleak.model.ReportJson;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.SiteEntry;
import io.sockleak.model.StalePooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each scenario exactly as the README runs it, {@code java -javaagent:... -jar sockleak-demo.jar NAME}:
 * the shutdown report must promise what the scenario's description says, at the lines marked
 * {@code // LEAK} in its source.
 */
class ScenariosUnderAgentIT {

    @TempDir
    Path work;

    private record Run(LeakReport report, String stderr) {
    }

    private Run run(String scenario) throws IOException, InterruptedException {
        Path reports = work.resolve("reports");
        Path err = work.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + jar("sockleak.agentJar") + "=dir=" + reports,
                "-jar", jar("sockleak.demoJar"), scenario)
                .redirectOutput(work.resolve("stdout.txt").toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), scenario + " did not finish");
        assertEquals(0, p.exitValue(), Files.readString(err));
        List<LeakReport> written = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path f : files.toList()) {
                written.add(ReportJson.read(f));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(1, written.size());
        assertEquals("shutdown", written.get(0).trigger());
        return new Run(written.get(0), Files.readString(err));
    }

    private static String jar(String property) {
        Path jar = Path.of(System.getProperty(property));
        assertTrue(Files.isRegularFile(jar), "not built: " + jar);
        return jar.toAbsolutePath().toString();
    }

    /** The frame of the line marked {@code // LEAK} in a scenario's source (the n-th marker, from 0). */
    static String leakFrame(Class<?> scenario, String method, int marker) throws IOException {
        Path source = Path.of("src/main/java", scenario.getName().replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(source);
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// LEAK") && seen++ == marker) {
                return scenario.getName() + "." + method + "(" + scenario.getSimpleName() + ".java:" + (i + 1) + ")";
            }
        }
        throw new AssertionError("no LEAK marker " + marker + " in " + source);
    }

    private static void assertSite(LeakReport report, String frame, int count) {
        SiteEntry site = report.sites().stream().filter(s -> s.frame().equals(frame)).findFirst()
                .orElseThrow(() -> new AssertionError(frame + " not among " + report.sites()));
        assertEquals(count, site.count());
    }

    private static void assertCloseWaitLeaks(LeakReport report, String origin, String api, String frame) {
        assertEquals(3, report.leaks().size(), report.leaks().toString());
        for (Leak leak : report.leaks()) {
            assertEquals("CLOSE_WAIT", leak.kind());
            assertEquals("CLOSE_WAIT", leak.state());
            assertEquals(origin, leak.origin());
            assertEquals(api, leak.api());
            assertTrue(leak.stack().contains(frame), leak.stack().toString());
        }
        assertEquals(3, report.summary().closeWait());
        assertSite(report, frame, 3);
    }

    @Test
    void neverAccept() throws Exception {
        Run run = run("never-accept");
        LeakReport report = run.report();
        assertEquals(List.of(), report.leaks());
        assertEquals(1, report.listeners().size(), report.listeners().toString());
        ListenerEntry listener = report.listeners().get(0);
        assertEquals(4, listener.acceptQueue());
        assertEquals(4, listener.unaccepted().size());
        listener.unaccepted().forEach(u -> assertEquals("CLOSE_WAIT", u.state()));
        assertTrue(listener.stack().contains(leakFrame(NeverAccept.class, "run", 0)), listener.stack().toString());
        assertEquals(4, report.summary().unaccepted());
        assertTrue(run.stderr().contains("4 never accepted on " + listener.local()), run.stderr());
    }

    @Test
    void acceptNoClose() throws Exception {
        LeakReport report = run("accept-no-close").report();
        assertCloseWaitLeaks(report, "accepted", "socket", leakFrame(AcceptNoClose.class, "run", 0));
    }

    @Test
    void clientNoClose() throws Exception {
        LeakReport report = run("client-no-close").report();
        assertCloseWaitLeaks(report, "connected", "socket", leakFrame(ClientNoClose.class, "run", 0));
    }

    @Test
    void nioAcceptNoClose() throws Exception {
        LeakReport report = run("nio-accept-no-close").report();
        assertCloseWaitLeaks(report, "accepted", "channel", leakFrame(NioAcceptNoClose.class, "run", 0));
    }

    @Test
    void gcUnclosed() throws Exception {
        LeakReport report = run("gc-unclosed").report();
        assertEquals(5, report.leaks().size(), report.leaks().toString());
        report.leaks().forEach(l -> {
            assertEquals("COLLECTED_OPEN", l.kind());
            assertEquals("connected", l.origin());
        });
        assertEquals(5, report.summary().collectedOpen());
        assertEquals(3, report.leaks().stream().filter(l -> l.api().equals("socket")).count());
        assertEquals(2, report.leaks().stream().filter(l -> l.api().equals("channel")).count());
        assertSite(report, leakFrame(GcUnclosed.class, "openAndDropSocket", 0), 3);
        assertSite(report, leakFrame(GcUnclosed.class, "openAndDropChannel", 1), 2);
    }

    @Test
    void timeWaitIsNotALeak() throws Exception {
        LeakReport report = run("time-wait").report();
        assertEquals(List.of(), report.leaks());
        assertEquals(0, report.summary().unaccepted());
    }

    @Test
    void healthyGetsNothing() throws Exception {
        Run run = run("healthy");
        LeakReport report = run.report();
        assertEquals(List.of(), report.leaks());
        assertEquals(List.of(), report.listeners());
        assertEquals(0, report.summary().trackedOpen());
        assertEquals(0, report.agent().errors());
        assertTrue(run.stderr().contains("sockleak: no socket leaks found"), run.stderr());
    }

    @Test
    void staleIdlePooledConnectionIsListedApartAndIsNotALeak() throws Exception {
        Run run = run("stale-pooled");
        LeakReport report = run.report();
        assertEquals(List.of(), report.leaks());
        assertEquals(1, report.stalePooled().size(), report.stalePooled().toString());
        StalePooled stale = report.stalePooled().get(0);
        assertEquals("HttpURLConnection keep-alive", stale.pool());
        assertTrue(stale.advice().contains("http.keepAlive.time.server"), stale.advice());
        assertEquals(1, report.summary().stalePooled());
        assertTrue(run.stderr().contains("sockleak: no socket leaks found")
                && run.stderr().contains("not leaks: 1 idle pooled connection the peer closed (stalePooled)"), run.stderr());
    }

    @Test
    void aPooledConnectionNeverGivenBackIsALeakAtTheRequestsLine() throws Exception {
        LeakReport report = run("lost-response").report();
        assertEquals(1, report.leaks().size(), report.leaks().toString());
        Leak leak = report.leaks().get(0);
        assertEquals("BORROWED_NOT_RETURNED", leak.evidence());
        assertEquals("HttpURLConnection keep-alive", leak.pool());
        String line = leakFrame(LostResponse.class, "run", 0);
        assertEquals(line, leak.frame());
        assertTrue(leak.borrowStack().contains(line), leak.borrowStack().toString());
        assertEquals(List.of(), report.stalePooled());
    }
}
