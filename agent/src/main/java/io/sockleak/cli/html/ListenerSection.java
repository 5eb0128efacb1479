package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Text;
import io.sockleak.cli.analyse.SummaryAnswer;

import java.util.List;

/** Listening sockets with their accept queues and the connections nobody accepted, from each run's latest report. */
final class ListenerSection {

    /** Remotes listed per listener; the queue length says how many there are. */
    static final int WAITING_SHOWN = 10;

    private ListenerSection() {
    }

    static void write(Page page, Markup out) {
        out.open("section id=\"listeners\"").element("h2", "Listeners and their accept queues");
        boolean any = page.runs().stream().anyMatch(run -> !run.latest().listeners().isEmpty());
        if (!any) {
            out.element("p", "No listening sockets in the reports.").close("section");
            return;
        }
        boolean manyRuns = page.runs().size() > 1;
        out.open("table class=\"listeners\"").open("tr");
        if (manyRuns) {
            out.element("th", "process");
        }
        out.element("th", "local").element("th class=\"n\"", "accept queue").element("th", "opened at")
                .element("th", "waiting, never accepted").close("tr");
        for (ProcessRun run : page.runs()) {
            for (SummaryAnswer.Listener listener : run.latest().listeners()) {
                out.open("tr");
                if (manyRuns) {
                    out.open("td").element("code", run.label()).close("td");
                }
                out.open("td").element("code", Text.orDash(listener.local())).close("td")
                        .element("td class=\"n\"", listener.acceptQueue() < 0 ? "?" : Integer.toString(listener.acceptQueue()))
                        .open("td");
                if (listener.openedAt() != null) {
                    SiteSection.lead(out, null, listener.frame(), listener.libraryFrame());
                } else {
                    out.text("-");
                }
                out.close("td").open("td");
                List<String> waiting = listener.waiting();
                out.element("code", String.join(", ", RunAccumulator.first(waiting, WAITING_SHOWN)));
                if (waiting.size() > WAITING_SHOWN) {
                    out.raw(" ").element("span class=\"leftout\"", "+" + (waiting.size() - WAITING_SHOWN) + " more");
                }
                out.close("td").close("tr");
            }
            if (run.listenersLeftOut() > 0) {
                out.open("tr").element("td class=\"leftout\" colspan=\"5\"", run.label() + ": "
                        + Text.plural(run.listenersLeftOut(), "more listener", "more listeners") + " not shown")
                        .close("tr");
            }
        }
        out.close("table").close("section");
    }
}
