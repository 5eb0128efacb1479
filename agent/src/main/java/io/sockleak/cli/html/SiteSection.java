package io.sockleak.cli.html;

import io.sockleak.cli.analyse.LeakKinds;
import io.sockleak.cli.analyse.SiteLabel;
import io.sockleak.cli.analyse.SummaryAnswer;
import io.sockleak.cli.analyse.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leaking sites, most leaks first: each led by its application line with the library frame beside it,
 * then its leaks by kind and {@code summary}'s evidence in words per process run, and the whole stack
 * behind a {@code <details>}; then the leaks that have no site (no stack known).
 */
final class SiteSection {

    private SiteSection() {
    }

    static void write(Page page, Markup out) {
        out.open("section id=\"sites\"").element("h2", "Leaking sites, most leaks first");
        if (page.sites().isEmpty()) {
            out.element("p", "No leaking sites.");
        }
        boolean manyRuns = page.runCount() > 1;
        int rank = 0;
        for (Page.LeakingSite site : page.sites()) {
            rank++;
            out.open("div class=\"site\" id=\"site-" + rank + "\"");
            out.element("span class=\"count\"", site.count());
            lead(out, site.site(), site.frame(), site.libraryFrame());
            out.raw(" ").element("span class=\"id\"", "site " + Text.orDash(site.site()) + kinds(site.kinds()));
            out.open("ul class=\"evidence\"");
            for (Page.Share share : site.shares()) {
                for (SummaryAnswer.Evidence evidence : share.evidence()) {
                    out.open("li").text("evidence (" + evidence.count() + "): " + evidence.words());
                    if (manyRuns) {
                        out.raw(" ").element("span class=\"muted\"", "in " + share.run().label());
                    }
                    out.close("li");
                }
            }
            if (site.sharesLeftOut() > 0) {
                out.element("li class=\"leftout\"", "and in " + Text.plural(site.sharesLeftOut(), "more process run",
                        "more process runs"));
            }
            out.close("ul");
            if (!site.borrowStack().isEmpty()) {
                stack(out, "borrowed at (" + Text.plural(site.borrowStack().size(), "frame", "frames") + ")",
                        site.borrowStack());
            }
            stack(out, "opened at: the whole stack (" + Text.plural(Math.min(site.stack().size(),
                    RunAccumulator.FRAMES_KEPT), "frame", "frames") + ")", site.stack());
            out.close("div");
        }
        if (page.sitesLeftOut() > 0) {
            out.element("p class=\"leftout\"", Text.plural(page.sitesLeftOut(), "more site", "more sites") + " with "
                    + Text.plural(page.leaksLeftOut(), "leak", "leaks") + " not shown (the " + page.sites().size()
                    + " with the most leaks are).");
        }
        for (ProcessRun run : page.runs()) {
            if (run.sitesLeftOut() > 0) {
                out.element("p class=\"leftout\"", run.label() + ": " + Text.plural(run.sitesLeftOut(),
                        "site with fewer leaks was", "sites with fewer leaks were") + " not read into this page (the "
                        + RunAccumulator.SITES_KEPT + " with the most were; summary --top 0 lists them all).");
            }
        }
        untracked(page, out);
        out.close("section");
    }

    /** The application's line first; the library frame that called the JDK beside it. */
    static void lead(Markup out, String site, String frame, String libraryFrame) {
        out.element("span class=\"frame\"", new SiteLabel.Named(site, frame, libraryFrame).leadFrame());
        if (libraryFrame != null) {
            out.raw(" ").element("span class=\"via\"", "via " + libraryFrame);
        }
    }

    static void stack(Markup out, String title, List<String> frames) {
        if (frames.isEmpty()) {
            return;
        }
        out.open("details").element("summary", title).open("pre");
        List<String> shown = RunAccumulator.first(frames, RunAccumulator.FRAMES_KEPT);
        for (String frame : shown) {
            out.text("at " + frame + "\n");
        }
        if (frames.size() > shown.size()) {
            out.text("... more frames not shown\n");
        }
        out.close("pre").close("details");
    }

    private static String kinds(Map<String, Integer> kinds) {
        List<String> parts = new ArrayList<>();
        kinds.forEach((kind, n) -> parts.add(n + " " + LeakKinds.label(kind)));
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static void untracked(Page page, Markup out) {
        List<String[]> rows = new ArrayList<>();
        int leftOut = 0;
        for (ProcessRun run : page.runs()) {
            for (SummaryAnswer.UntrackedLeak leak : run.latest().untracked()) {
                rows.add(new String[] {run.label(), leak.local(), leak.remote(), leak.state(), leak.evidence()});
            }
            leftOut += run.untrackedLeftOut();
        }
        if (rows.isEmpty()) {
            return;
        }
        out.element("h3", "Leaks without a site (no stack known: opened before the agent, or by native code)");
        out.open("table").open("tr").element("th", "process").element("th", "local").element("th", "remote")
                .element("th", "state").element("th", "evidence").close("tr");
        for (String[] row : rows) {
            out.open("tr");
            for (String cell : row) {
                out.element("td", Text.orDash(cell));
            }
            out.close("tr");
        }
        out.close("table");
        if (leftOut > 0) {
            out.element("p class=\"leftout\"", Text.plural(leftOut, "more leak", "more leaks")
                    + " without a site not shown.");
        }
    }
}
