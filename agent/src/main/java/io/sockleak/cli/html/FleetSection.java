package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Text;

/** Sites x processes and folders (hosts): where each site leaks, how much now, first and last seen. */
final class FleetSection {

    private FleetSection() {
    }

    static void write(Page page, Markup out) {
        int runs = page.runCount();
        if (runs < 2) {
            return;
        }
        out.open("section id=\"fleet\"").element("h2", "Fleet: which sites leak where");
        out.element("p class=\"muted\"", "Over " + Text.plural(runs, "process run", "process runs") + " in "
                + Text.plural(page.folders().size(), "folder", "folders") + " (a report does not name its host: give"
                + " one folder per host). Seen: the first and last report that showed the site leaking; now: its leaks"
                + " in the last report of each run.");
        if (page.fleet().isEmpty()) {
            out.element("p", "No site leaked in any report.");
            out.close("section");
            return;
        }
        out.open("table class=\"fleet\"").open("tr").element("th", "application line")
                .element("th class=\"n\"", "processes").element("th class=\"n\"", "folders")
                .element("th class=\"n\"", "leaks now").element("th", "first seen").element("th", "last seen")
                .close("tr");
        for (Page.FleetRow row : page.fleet()) {
            out.open("tr").open("td");
            SiteSection.lead(out, row.site(), row.frame(), row.libraryFrame());
            out.raw(" ").element("span class=\"id\"", "site " + row.site()).close("td")
                    .element("td class=\"n\"", row.runs() + " of " + runs)
                    .element("td class=\"n\"", row.folders() + " of " + page.folders().size())
                    .element("td class=\"n\"", row.leaksNow())
                    .element("td class=\"time\"", Words.time(row.firstSeen()))
                    .element("td class=\"time\"", Words.time(row.lastSeen()))
                    .close("tr");
        }
        out.close("table");
        if (page.fleetLeftOut() > 0) {
            out.element("p class=\"leftout\"", Text.plural(page.fleetLeftOut(), "more site", "more sites")
                    + " not listed (the " + page.fleet().size() + " most widespread are).");
        }
        out.close("section");
    }
}
