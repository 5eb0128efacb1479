package io.sockleak.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code html} page in a real browser: reports written by the agent into real child JVMs (demo scenarios,
 * and docs/examples/SlowLeak.java with interval reports, twice), turned into pages by the built jar's
 * {@code html} command, loaded in headless Chromium and read through its DOM.
 */
class HtmlPageIT {

    private static final String PAYLOAD = "<script>document.title='pwned';window.pwned=1</script>"
            + "\"><img src=x onerror=\"window.pwned=2\">\u001b[2J\u0000\u0085\u202e";

    /** Kept when a test fails: the reports, the pages and Chromium's log are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    static Path reports;
    static HeadlessChromium browser;

    @BeforeAll
    static void runTheDemoAndSlowLeakTwice() throws Exception {
        HeadlessChromium.assumeInstalled();
        reports = work.resolve("reports");
        // One JVM at a time but for SlowLeak's two runs (6 s each, an interval report every second): a shutdown
        // report has 5 s to be written, and a loaded machine must not take them away.
        for (String scenario : List.of("accept-no-close", "never-accept", "time-wait", "lost-response")) {
            finish(scenario, java(scenario, "dir=" + reports, "-jar", jar("sockleak.demoJar"), scenario));
        }
        Path slowLeak = Path.of("../docs/examples/SlowLeak.java").toAbsolutePath().normalize();
        List<Process> slowRuns = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                slowRuns.add(java("slow-leak-" + i, "dir=" + reports + ",interval=1s,minCloseWait=2s",
                        slowLeak.toString()));
            }
            for (int i = 0; i < slowRuns.size(); i++) {
                finish("slow-leak-" + (i + 1), slowRuns.get(i));
            }
        } finally {
            slowRuns.forEach(Process::destroyForcibly); // only if an assertion left one running
        }
        browser = HeadlessChromium.start(work);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void finish(String name, Process run) throws Exception {
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
        assertEquals(0, run.exitValue(), name + ": " + Files.readString(work.resolve(name + ".err")));
    }

    private static Process java(String name, String agentOptions, String... program) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + jar("sockleak.agentJar") + "=" + agentOptions));
        command.addAll(List.of(program));
        return new ProcessBuilder(command).redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile()).start();
    }

    private static String jar(String property) {
        Path jar = Path.of(System.getProperty(property));
        assertTrue(Files.isRegularFile(jar), "not built: " + jar);
        return jar.toAbsolutePath().toString();
    }

    /** {@code java -jar sockleak-agent.jar html INPUT... -o PAGE}: its one line, and the page. */
    private static Path html(String page, Path... inputs) throws Exception {
        Path out = work.resolve(page);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar("sockleak.agentJar"), "html"));
        for (Path input : inputs) {
            command.add(input.toString());
        }
        command.addAll(List.of("-o", out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        assertTrue(said.startsWith("sockleak html: wrote " + out + " ("), said);
        return out;
    }

    private static Map<Path, LeakReport> reportFiles() throws Exception {
        Map<Path, LeakReport> files = new java.util.TreeMap<>();
        try (Stream<Path> list = Files.list(reports)) {
            // The reports html reads: a .tmp file is a report the agent did not finish.
            for (Path file : list.filter(f -> f.getFileName().toString().matches("sockleak-.*\\.json")).toList()) {
                files.put(file, ReportJson.read(file));
            }
        }
        return files;
    }

    private static Path reportOf(String mainClass, String frame) throws Exception {
        return reportFiles().entrySet().stream()
                .filter(e -> e.getValue().sites().stream().anyMatch(s -> frame.equals(s.frame())))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no report with a site at " + frame));
    }

    @Test
    void theDemosReportLoadsWithoutErrorsLedByTheApplicationLineWithTheWholeStackBehindDetails() throws Exception {
        String leakLine = ScenariosUnderAgentIT.leakFrame(AcceptNoClose.class, "run", 0);
        Path page = html("accept-no-close.html", reportOf("sockleak-demo.jar", leakLine));

        browser.open(page);

        assertEquals(List.of(), browser.consoleErrors());
        assertEquals("sockleak: 3 leaks in 1 process run", browser.evaluate("document.title").asText());
        assertEquals(leakLine, browser.evaluate("document.querySelector('#site-1 .frame').textContent").asText());
        assertEquals("3", browser.evaluate("document.querySelector('#site-1 .count').textContent").asText());
        // The stack is folded; opened, it shows every frame from the JDK's accept() to main.
        assertEquals(false, browser.evaluate("document.querySelector('#site-1 details').open").asBoolean());
        String stack = browser.evaluate("(() => { const d = document.querySelector('#site-1 details'); d.open = true;"
                + " return d.querySelector('pre').innerText; })()").asText();
        assertTrue(stack.startsWith("at java.base/java.net.ServerSocket.accept("), stack);
        assertTrue(stack.contains("at " + leakLine + "\n"), stack);
        assertTrue(stack.contains("at io.sockleak.demo.DemoMain.main("), stack);
        assertTrue(browser.evaluate("document.querySelector('#meanings').innerText").asText()
                .contains("nothing was going to close it"), "summary's explanation of OPEN_AT_EXIT");
    }

    @Test
    void aFolderOfSeveralRunsShowsEveryProcessAChartPerSiteAndTheFleet() throws Exception {
        Map<Path, LeakReport> files = reportFiles();
        Set<String> pids = new TreeSet<>();
        files.values().forEach(r -> pids.add(Long.toString(r.process().pid())));
        long intervalReports = files.values().stream().filter(r -> r.trigger().equals("interval")).count();
        assertEquals(6, pids.size(), "4 demo scenarios and 2 SlowLeak runs: " + files.keySet());
        assertTrue(intervalReports >= 4, "SlowLeak wrote interval reports: " + files.keySet());
        Path page = html("fleet.html", reports);

        browser.open(page);

        assertEquals(List.of(), browser.consoleErrors());
        JsonNode listed = browser.evaluate("[...document.querySelectorAll('tr.process code')]"
                + ".map(c => c.textContent.split(' ')[1])");
        Set<String> shown = new TreeSet<>();
        listed.forEach(pid -> shown.add(pid.asText()));
        assertEquals(pids, shown, "every process of the folder is listed");
        // Charts: all leaks, then SlowLeak's two lines, each with a line per SlowLeak run and a dot per report.
        assertTrue(browser.evaluate("document.querySelectorAll('#charts svg.chart').length").asInt() >= 3);
        String slowLeakLine = "SlowLeak.main(SlowLeak.java:24)";
        JsonNode chart = browser.evaluate("(() => { const f = [...document.querySelectorAll('#charts figure')]"
                + ".find(f => f.querySelector('.frame') && f.querySelector('.frame').textContent === '" + slowLeakLine
                + "'); return f ? [...f.querySelectorAll('polyline')].map(p => p.points.numberOfItems) : null; })()");
        assertEquals(2, chart.size(), "one line per SlowLeak run: " + chart);
        chart.forEach(points -> assertTrue(points.asInt() >= 3, "a point per report: " + chart));
        // The fleet: SlowLeak's line leaks in 2 of the 6 processes.
        String fleet = browser.evaluate("document.querySelector('#fleet').innerText").asText();
        assertTrue(fleet.contains(slowLeakLine), fleet);
        assertTrue(browser.evaluate("[...document.querySelectorAll('#fleet tr')].find(r => r.innerText.includes('"
                + slowLeakLine + "')).cells[1].textContent").asText().equals("2 of 6"), fleet);
        // Listeners with their queue (never-accept) and a failed bind with what held the port (time-wait).
        String listeners = browser.evaluate("document.querySelector('#listeners').innerText").asText();
        assertTrue(listeners.contains(ScenariosUnderAgentIT.leakFrame(NeverAccept.class, "run", 0)), listeners);
        assertTrue(browser.evaluate("[...document.querySelectorAll('#listeners td.n')].some(td => td.textContent"
                + " === '4')").asBoolean(), listeners);
        String binds = browser.evaluate("document.querySelector('#bind-failures').innerText").asText();
        assertTrue(binds.contains("TIME_WAIT") && binds.contains("hint: set SO_REUSEADDR"), binds);
    }

    @Test
    void aReportWhoseStringsHoldScriptShowsThemAsTextAndNothingRuns() throws Exception {
        String leakLine = ScenariosUnderAgentIT.leakFrame(AcceptNoClose.class, "run", 0);
        ObjectMapper json = new ObjectMapper();
        JsonNode real = json.readTree(reportOf("sockleak-demo.jar", leakLine).toFile());
        poison(real);
        Path hostileFolder = Files.createDirectories(work.resolve("hostile"));
        Path hostile = hostileFolder.resolve("sockleak-666-hostile.json");
        Files.write(hostile, json.writeValueAsBytes(real));
        Path page = html("hostile.html", hostile);

        browser.open(page);

        assertEquals(List.of(), browser.consoleErrors(), "no script ran, none was even refused by the policy");
        assertTrue(browser.evaluate("typeof window.pwned === 'undefined'").asBoolean(), "the injected code ran");
        assertTrue(browser.evaluate("document.title").asText().startsWith("sockleak: "));
        assertEquals(0, browser.evaluate("document.querySelectorAll('script, img, iframe, object, embed').length")
                .asInt(), "the report's markup became elements");
        String frame = browser.evaluate("document.querySelector('#site-1 .frame').textContent").asText();
        // The markup as text; ESC, NUL, NEL and the right-to-left override as '?', as on the terminal.
        assertEquals(leakLine + "<script>document.title='pwned';window.pwned=1</script>\"><img src=x"
                + " onerror=\"window.pwned=2\">?[2J???", frame);
    }

    /** Appends the payload to every string of the report (ids, frames, addresses, times, names), in place. */
    private static void poison(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(field.getValue().asText() + PAYLOAD));
                } else {
                    poison(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(array.get(i).asText() + PAYLOAD));
                } else {
                    poison(array.get(i));
                }
            }
        }
    }
}
