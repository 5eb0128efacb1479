package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Counts;
import io.sockleak.cli.analyse.Text;
import io.sockleak.model.ProcessInfo;

import java.util.Map;
import java.util.TreeMap;

/** The verdicts at a glance (leaks by kind, unaccepted, stale pooled, young) and the process runs read. */
final class VerdictSection {

    private VerdictSection() {
    }

    static void write(Page page, Markup out) {
        Counts c = page.totals();
        int runs = page.runCount();
        long leaking = page.runs().stream().filter(run -> run.leaks() > 0).count();
        out.open("section id=\"verdicts\"").element("h2", "Verdicts");
        if (c.leaks() > 0) {
            out.element("p class=\"verdict bad\"", Text.plural(c.leaks(), "socket leak", "socket leaks")
                    + (runs > 1 ? " in " + leaking + (page.runsLeftOut() > 0 ? "+" : "") + " of " + runs
                    + " process runs" : "") + ", at the sites below.");
        } else {
            out.element("p class=\"verdict good\"", "No socket leaks" + (runs > 1 ? " in " + runs + " process runs" : "")
                    + (c.unaccepted() > 0 ? "; " + Text.plural(c.unaccepted(), "connection", "connections")
                    + " never accepted." : "."));
        }
        out.open("div class=\"cards\"");
        card(out, "card leak", c.leaks(), "leaks", c.closeWait() + " CLOSE_WAIT · " + c.collectedOpen()
                + " collected open · " + c.untracked() + " untracked");
        card(out, c.unaccepted() > 0 ? "card leak" : "card", c.unaccepted(), "unaccepted",
                "in listeners' accept queues");
        card(out, "card not", c.stalePooled(), "stale pooled", "NOT leaks: idle, closed by the peer");
        card(out, "card not", c.young(), "young", "NOT leaks yet: CLOSE_WAIT < minCloseWait");
        card(out, "card not", c.trackedOpen(), "tracked open", "connections open at the report");
        out.close("div");
        out.element("p class=\"muted\"", "Counts of the latest report of each process run"
                + (runs > 1 ? ", added up." : "."));
        processes(page, out);
        out.close("section");
    }

    private static void card(Markup out, String cssClass, int count, String label, String sub) {
        out.open("div class=\"" + cssClass + "\"").element("div class=\"n\"", count).element("div", label)
                .element("div class=\"sub\"", sub).close("div");
    }

    private static void processes(Page page, Markup out) {
        boolean folders = page.folders().size() > 1;
        out.element("h3", page.runCount() == 1 ? "Process" : "Processes");
        out.open("table class=\"processes\"").open("tr").element("th", "#");
        if (folders) {
            out.element("th", "folder (host)");
        }
        out.element("th", "process").element("th class=\"n\"", "reports").element("th", "latest report")
                .element("th class=\"n\"", "leaks").element("th class=\"n\"", "unaccepted")
                .element("th class=\"n\"", "stale").element("th class=\"n\"", "young").element("th class=\"n\"", "fds")
                .close("tr");
        for (ProcessRun run : page.runs()) {
            ProcessInfo p = run.process();
            out.open("tr class=\"process\"").element("td", run.number());
            if (folders) {
                out.element("td", run.folder());
            }
            out.open("td").element("code", run.label()).raw("<br>").element("span class=\"muted\"", p == null
                    ? "no process block" : "java " + Text.orDash(p.javaVersion()) + " · agent "
                    + Text.orDash(p.agentVersion()) + " (" + Text.orDash(p.startMode()) + ") · started "
                    + Words.time(p.agentStartedAt())).close("td")
                    .element("td class=\"n\"", run.reports())
                    .open("td class=\"time\"").text(Words.time(run.latest().generatedAt()) + " ("
                            + Text.orDash(run.latest().trigger()) + ")").raw("<br>")
                    .element("span class=\"muted\"", triggers(run.triggers())).close("td")
                    .element("td class=\"n\"", run.leaks())
                    .element("td class=\"n\"", run.latest().counts().unaccepted())
                    .element("td class=\"n\"", run.latest().counts().stalePooled())
                    .element("td class=\"n\"", run.latest().counts().young())
                    .element("td class=\"n\"", p == null || p.fds() == null ? "-"
                            : p.fds().open() + (p.fds().limit() < 0 ? "" : " / " + p.fds().limit()))
                    .close("tr");
        }
        out.close("table");
        if (page.runsLeftOut() > 0) {
            out.element("p class=\"leftout\"", Text.plural(page.runsLeftOut(), "more process run", "more process runs")
                    + " not listed here (the first " + page.runs().size() + " are); all count in the totals, the"
                    + " sites, the charts and the fleet view.");
        }
    }

    private static String triggers(Map<String, Integer> triggers) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(triggers).forEach((trigger, n) -> text.append(text.length() == 0 ? "" : ", ")
                .append(n).append(' ').append(trigger));
        return text.toString();
    }
}
