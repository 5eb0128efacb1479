package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Text;

/** Leaks over time from the interval reports: all leaks, then one chart per site, with a legend of the runs. */
final class ChartSection {

    private ChartSection() {
    }

    static void write(Page page, Markup out) {
        if (page.histories().isEmpty()) {
            return;
        }
        out.open("section id=\"charts\"").element("h2", "Leaks over time");
        out.element("p class=\"muted\"", "Leaks in each report of each process run with two reports or more"
                + " (interval, threshold, on-demand and shutdown reports alike); one line per process run, a dot per"
                + " report." + (page.singleReportRuns() > 0 ? " " + Text.plural(page.singleReportRuns(),
                "process run has", "process runs have") + " a single report and no line." : ""));
        out.open("div class=\"charts\"");
        for (Page.History history : page.histories()) {
            out.open("figure class=\"history\"").open("figcaption");
            String title;
            if (history.site() == null) {
                out.element("strong", "All leaks");
                title = "All leaks over time";
            } else {
                SiteSection.lead(out, history.site(), history.frame(), history.libraryFrame());
                out.raw(" ").element("span class=\"muted\"", "site " + history.site());
                title = "Leaks over time at site " + history.site();
            }
            out.close("figcaption");
            LeakChart.write(out, title, history.series());
            out.open("ul class=\"legend\"");
            for (int i = 0; i < history.series().size(); i++) {
                Page.Series series = history.series().get(i);
                out.open("li").raw("<span class=\"key k" + (i % PageStyle.COLOURS) + "\"></span>")
                        .text(series.run().label() + " (" + Text.plural(series.samples().size(), "report", "reports")
                                + ", peak " + HistoryView.peak(series) + ")").close("li");
            }
            if (history.seriesLeftOut() > 0) {
                out.element("li class=\"leftout\"", Text.plural(history.seriesLeftOut(), "more process run",
                        "more process runs") + " not drawn (fewer leaks)");
            }
            out.close("ul").close("figure");
        }
        out.close("div");
        if (page.historiesLeftOut() > 0) {
            out.element("p class=\"leftout\"", Text.plural(page.historiesLeftOut(), "more site", "more sites")
                    + " not charted (the " + (page.histories().size() - 1) + " with the highest peak are).");
        }
        out.close("section");
    }
}
