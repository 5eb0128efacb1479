package io.sockleak.cli.html;

import io.sockleak.cli.analyse.SummaryAnswer;
import io.sockleak.cli.analyse.Text;

/** Stale pooled connections (with each pool's advice) and young sockets: shown, and marked NOT leaks. */
final class NotLeaksSection {

    private NotLeaksSection() {
    }

    static void write(Page page, Markup out) {
        boolean any = page.runs().stream().anyMatch(r -> !r.latest().stalePooled().isEmpty() || r.latest().young() > 0);
        if (!any) {
            return;
        }
        boolean manyRuns = page.runs().size() > 1;
        out.open("section id=\"not-leaks\"").element("h2", "NOT leaks: stale pooled connections and young sockets");
        for (ProcessRun run : page.runs()) {
            for (SummaryAnswer.StalePool pool : run.latest().stalePooled()) {
                out.open("div class=\"site not-leak\"").element("strong", Text.orDash(pool.pool())).raw(" ")
                        .text(Text.plural(pool.count(), "stale connection", "stale connections")
                                + range(", idle ", pool.idleSecondsMin(), pool.idleSecondsMax())
                                + (pool.closeWaitSecondsMax() == null ? "" : ", in CLOSE_WAIT up to "
                                + pool.closeWaitSecondsMax() + " s")
                                + (manyRuns ? ", " + run.label() : ""));
                out.open("ul class=\"evidence\"");
                for (SummaryAnswer.StaleSite site : pool.sites()) {
                    out.open("li").text(site.count() + " opened at ");
                    SiteSection.lead(out, site.site(), site.frame(), site.libraryFrame());
                    out.close("li");
                }
                if (pool.advice() != null) {
                    out.element("li", "advice: " + pool.advice());
                }
                out.close("ul").close("div");
            }
            if (run.latest().young() > 0) {
                out.element("p class=\"not-leak\"", "young: " + Text.plural(run.latest().young(), "socket", "sockets")
                        + " in CLOSE_WAIT for less than minCloseWait, not judged yet" + (manyRuns ? " (" + run.label()
                        + ")" : ""));
            }
        }
        out.close("section");
    }

    private static String range(String prefix, Long min, Long max) {
        if (min == null || max == null) {
            return "";
        }
        return prefix + (min.equals(max) ? min.toString() : min + "-" + max) + " s";
    }
}
