package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Text;

import java.time.Instant;

/** The whole page: one HTML file with its style inline, no script, nothing fetched. */
final class PageRenderer {

    private PageRenderer() {
    }

    static String render(Page page, Instant madeAt) {
        Markup out = new Markup();
        int runs = page.runCount();
        out.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"" + PageStyle.contentSecurityPolicy() + "\">\n")
                .raw("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .element("title", "sockleak: " + Text.plural(page.totals().leaks(), "leak", "leaks") + " in "
                        + Text.plural(runs, "process run", "process runs"))
                .raw("\n<style>").raw(PageStyle.CSS).raw("</style></head>\n<body>\n<header>")
                .element("h1", "sockleak: socket leaks")
                .element("p class=\"muted\"", Text.plural(page.reports(), "report", "reports") + " of "
                        + Text.plural(runs, "process run", "process runs") + " in "
                        + Text.plural(page.folders().size(), "folder", "folders") + "; page made "
                        + Words.time(madeAt) + " by sockleak html.")
                .raw("</header>\n<nav>");
        link(out, "verdicts", "Verdicts");
        link(out, "sites", "Leaking sites");
        if (!page.histories().isEmpty()) {
            link(out, "charts", "Over time");
        }
        if (runs > 1) {
            link(out, "fleet", "Fleet");
        }
        link(out, "listeners", "Listeners");
        link(out, "bind-failures", "Bind failures");
        link(out, "meanings", "What it means");
        out.raw("</nav>\n<main>\n");
        VerdictSection.write(page, out);
        SiteSection.write(page, out);
        ChartSection.write(page, out);
        FleetSection.write(page, out);
        ListenerSection.write(page, out);
        BindFailureSection.write(page, out);
        NotLeaksSection.write(page, out);
        MeaningSection.write(page, out);
        out.raw("\n</main>\n</body></html>\n");
        return out.toString();
    }

    private static void link(Markup out, String id, String text) {
        out.raw("<a href=\"#" + id + "\">").text(text).raw("</a>");
    }
}
