package io.sockleak.cli.html;

import io.sockleak.cli.Main;
import io.sockleak.cli.analyse.TestReport;
import io.sockleak.model.BindFailure;
import io.sockleak.model.LeakReport;
import io.sockleak.model.PortHolder;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sockleak.cli.analyse.TestReport.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's content from reports built in code; the browser tests (demo-app, HtmlPageIT) render real ones. */
class HtmlCommandTest {

    private static final String APP_LINE = "com.example.Orders.fetch(Orders.java:42)";
    private static final String LIBRARY = "org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator"
            + ".connect(DefaultHttpClientConnectionOperator.java:159)";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run html(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> line = new java.util.ArrayList<>(List.of("html"));
        line.addAll(Arrays.asList(args));
        int exit = new Main(Main.allCommands()).run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String page(Path page) throws IOException {
        return Files.readString(page, StandardCharsets.UTF_8);
    }

    @Test
    void aSiteIsLedByItsApplicationLineWithTheLibraryFrameBesideItAndTheWholeStackBehindDetails() throws IOException {
        List<String> stack = List.of("java.base/java.net.Socket.connect(Socket.java:633)", LIBRARY,
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient.doExecute(InternalHttpClient.java:174)",
                APP_LINE, "com.example.Main.main(Main.java:9)");
        Path report = report().site("5a5a5a5a5a5a5a5a", APP_LINE, LIBRARY, stack)
                .evidence("5a5a5a5a5a5a5a5a", "CLOSE_WAIT_AGED", 14, 3)
                .listener("127.0.0.1:8080", 2, "com.example.Server.start(Server.java:20)")
                .writeTo(dir.resolve("sockleak-4242-1-shutdown.json"));
        Path page = dir.resolve("page.html");

        Run run = html(report.toString(), "-o", page.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("sockleak html: wrote " + page + " (1 report, 1 process run, 3 leaks at 1 site)\n", run.out());
        String html = page(page);
        assertTrue(html.contains("<span class=\"count\">3</span><span class=\"frame\">" + APP_LINE
                + "</span> <span class=\"via\">via " + LIBRARY + "</span>"), html);
        assertTrue(html.contains("evidence (3): CLOSE_WAIT for 14 s, seen by more than one look"), html);
        assertTrue(html.contains("<details><summary>opened at: the whole stack (5 frames)</summary><pre>at "
                + stack.get(0) + "\nat " + LIBRARY), html);
        assertTrue(html.contains("at com.example.Main.main(Main.java:9)\n</pre></details>"), html);
        // summary's words for the verdict, and the listener with its queue and who waits in it
        assertTrue(html.contains("close the socket on every path (try-with-resources or finally)"), html);
        assertTrue(html.contains("<code>127.0.0.1:8080</code></td><td class=\"n\">2</td>"), html);
        assertTrue(html.contains("127.0.0.1:60000, 127.0.0.1:60001"), html);
        assertFalse(html.contains("id=\"charts\""), "one report has no 'over time': " + html);
        assertFalse(html.contains("id=\"fleet\""), "one process has no fleet: " + html);
    }

    @Test
    void theReportsOfAFolderGiveAChartPerSiteAndTheFleetView() throws IOException {
        for (int i = 0; i < 4; i++) {
            String at = "2025-03-01T12:0" + i + ":00Z";
            report().process(100, "2025-03-01T11:59:00Z").at(at).trigger("interval")
                    .closeWait("aaaaaaaaaaaaaaaa", APP_LINE, i + 1)
                    .writeTo(dir.resolve("sockleak-100-" + i + "-interval.json"));
            report().process(200, "2025-03-01T11:58:00Z").at(at).trigger("interval")
                    .closeWait("aaaaaaaaaaaaaaaa", APP_LINE, 2 * i)
                    .closeWait("bbbbbbbbbbbbbbbb", "com.example.Other.call(Other.java:7)", 1)
                    .writeTo(dir.resolve("sockleak-200-" + i + "-interval.json"));
        }
        Path page = dir.resolve("fleet.html");

        Run run = html(dir.toString(), "-o", page.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("(8 reports, 2 process runs, 11 leaks at 2 sites)"), run.out());
        String html = page(page);
        assertEquals(3, count(html, "<svg class=\"chart\""), "all leaks, then each of the two sites");
        assertTrue(html.contains("<title>Leaks over time at site aaaaaaaaaaaaaaaa</title>"), html);
        assertTrue(html.contains("pid 100 com.example.Main (4 reports, peak 4)"), html);
        assertTrue(html.contains("pid 200 com.example.Main (4 reports, peak 6)"), html);
        // The fleet: the first site leaks in both processes (from 12:00 in pid 100, 12:01 in pid 200), the other in one.
        assertTrue(html.contains(APP_LINE + "</span> <span class=\"id\">site aaaaaaaaaaaaaaaa</span></td>"
                + "<td class=\"n\">2 of 2</td><td class=\"n\">1 of 1</td><td class=\"n\">10</td>"
                + "<td class=\"time\">2025-03-01 12:00:00 UTC</td><td class=\"time\">2025-03-01 12:03:00 UTC</td>"),
                html);
        assertTrue(html.contains("<td class=\"n\">1 of 2</td><td class=\"n\">1 of 1</td><td class=\"n\">1</td>"), html);
    }

    @Test
    void thousandsOfLeaksKeepThePageLightAndSayWhatWasLeftOut() throws IOException {
        TestReport big = report();
        for (int i = 0; i < 1200; i++) {
            big.closeWait(String.format("%016x", i), "com.example.Gen" + i + ".run(Gen" + i + ".java:1)", 1 + i % 3);
        }
        big.untracked(120);
        Path report = big.writeTo(dir.resolve("sockleak-1-big.json"));
        Path page = dir.resolve("big.html");

        Run run = html(report.toString(), "-o", page.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("(1 report, 1 process run, 2520 leaks at 1200 sites)\n"), run.out());
        String html = page(page);
        assertTrue(Files.size(page) < 400_000, "page of " + Files.size(page) + " bytes");
        assertEquals(SiteMerge.SHOWN, count(html, "<div class=\"site\" id=\"site-"));
        assertTrue(html.contains("100 more sites with 300 leaks not shown (the 100 with the most leaks are)."), html);
        assertTrue(html.contains("pid 4242 com.example.Main: 1000 sites with fewer leaks were not read into this"
                + " page"), html);
        assertTrue(html.contains("70 more leaks without a site not shown."), html);
    }

    @Test
    void hostileStringsInAReportAreShownAsTextNeverAsMarkup() throws IOException {
        String hostile = "<script>document.title='pwned'</script>\"><img src=x onerror=alert(1)>\u001b[2J\u0000\u202e";
        LeakReport base = report().site("cccccccccccccccc", "com.example.A.a(A.java:1)" + hostile, hostile,
                        List.of("java.base/java.net.Socket.connect(Socket.java:633)" + hostile,
                                "com.example.A.a(A.java:1)" + hostile))
                .evidence("cccccccccccccccc", "CLOSE_WAIT_AGED", 20, 2)
                .listener("127.0.0.1:1" + hostile, 1, "com.example.L.l(L.java:1)" + hostile)
                .stale(hostile, "cccccccccccccccc", 5, hostile, 1).build();
        LeakReport hostileReport = new LeakReport(base.schemaVersion(), base.generatedAt(), "shutdown" + hostile,
                new io.sockleak.model.ProcessInfo(7, "Main" + hostile, hostile, hostile, hostile, hostile, null),
                base.agent(), base.kernel(), base.summary(), base.listeners(), base.leaks(), base.stalePooled(),
                base.sites(), base.openBySite(),
                List.of(new BindFailure(80, "0.0.0.0:80" + hostile, hostile, hostile, List.of(hostile),
                        List.of(new PortHolder("LISTEN" + hostile, hostile, 9L, 1, hostile, null, List.of(hostile),
                                hostile)), false, hostile)),
                List.of("note" + hostile));
        Path report = dir.resolve("sockleak-7-hostile.json");
        Files.write(report, ReportJson.toBytes(hostileReport));
        Path page = dir.resolve("hostile.html");

        Run run = html(report.toString(), "-o", page.toString());

        assertEquals(0, run.exit(), run.err());
        String html = page(page);
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), html);
        assertFalse(lower.contains("<img"), html);
        assertTrue(count(html, "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&quot;&gt;&lt;img src=x"
                + " onerror=alert(1)&gt;?[2J??") >= 10, html);
        assertTrue(html.chars().noneMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
                || c == 0x202e), "no control characters");
        // Every element the page has is one of the renderer's own.
        Matcher tags = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(html);
        List<String> allowed = List.of("html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
                "p", "nav", "a", "main", "section", "div", "span", "table", "tr", "th", "td", "code", "br", "ul", "li",
                "details", "summary", "pre", "strong", "dl", "dt", "dd", "figure", "figcaption", "svg", "line", "text",
                "polyline", "circle");
        while (tags.find()) {
            assertTrue(allowed.contains(tags.group(1)), "element <" + tags.group(1) + "> in the page");
        }
    }

    @Test
    void thePagePolicyForbidsScriptAndEveryNetworkLoad() throws IOException {
        Path report = report().closeWait("a1b2c3d4", APP_LINE, 1).writeTo(dir.resolve("sockleak-1-a.json"));
        Path page = dir.resolve("csp.html");
        assertEquals(0, html(report.toString(), "-o", page.toString()).exit());
        String html = page(page);
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(html);
        assertTrue(csp.find(), html);
        assertTrue(csp.group(1).matches("default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]{44}'; base-uri 'none';"
                + " form-action 'none'"), csp.group(1));
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no address but SVG's");
    }

    @Test
    void withoutAnOutputOrWithAnOutputThroughASymbolicLinkItSaysSoInOneLine() throws IOException {
        Path report = report().closeWait("a1b2c3d4", APP_LINE, 1).writeTo(dir.resolve("sockleak-1-a.json"));

        Run noOutput = html(report.toString());
        assertEquals(2, noOutput.exit());
        assertEquals("sockleak html: needs -o PAGE.html; usage: html REPORT|FOLDER... -o PAGE.html\n", noOutput.err());

        Path target = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("page.html"), target);
        Run throughLink = html(report.toString(), "-o", link.toString());
        assertEquals(2, throughLink.exit());
        assertEquals("sockleak html: cannot write " + link + ": it is a symbolic link (not followed)\n",
                throughLink.err());
        assertEquals("keep me", Files.readString(target));

        Run noFolder = html(report.toString(), "-o", dir.resolve("missing/page.html").toString());
        assertEquals(2, noFolder.exit());
        assertEquals("sockleak html: cannot write " + dir.resolve("missing/page.html") + ": no such folder\n",
                noFolder.err());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
