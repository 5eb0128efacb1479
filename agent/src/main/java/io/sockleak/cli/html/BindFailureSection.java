package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Frames;
import io.sockleak.cli.analyse.Text;
import io.sockleak.model.BindFailure;
import io.sockleak.model.PortHolder;

/** "Address already in use": each failed bind with what held the port, and the hint that lets it through. */
final class BindFailureSection {

    static final int HOLDERS_SHOWN = 20;

    private BindFailureSection() {
    }

    static void write(Page page, Markup out) {
        out.open("section id=\"bind-failures\"").element("h2", "Bind failures (Address already in use) and what held the port");
        boolean any = page.runs().stream().anyMatch(run -> !run.bindFailures().isEmpty());
        if (!any) {
            out.element("p", "No failed binds in the reports.").close("section");
            return;
        }
        boolean manyRuns = page.runs().size() > 1;
        for (ProcessRun run : page.runs()) {
            for (BindFailure failure : run.bindFailures()) {
                out.open("div class=\"site\"");
                out.element("strong", "bind " + Text.orDash(failure.address()) + " failed").raw(" ")
                        .element("span class=\"muted\"", "at " + Words.time(failure.at()) + ", thread "
                                + Text.orDash(failure.thread()) + (failure.reuseAddress() == null ? ""
                                : ", SO_REUSEADDR " + (failure.reuseAddress() ? "on" : "off"))
                                + (manyRuns ? ", " + run.label() : ""));
                Frames.Named frames = Frames.of(null, null, failure.stack());
                out.open("div").text("by ");
                SiteSection.lead(out, null, frames.frame(), frames.libraryFrame());
                out.close("div");
                if (failure.hint() != null) {
                    out.element("p", "hint: " + failure.hint());
                }
                holders(out, failure);
                SiteSection.stack(out, "the bind's stack (" + Text.plural(failure.stack().size(), "frame", "frames")
                        + ")", failure.stack());
                out.close("div");
            }
            if (run.bindFailuresLeftOut() > 0) {
                out.element("p class=\"leftout\"", run.label() + ": " + Text.plural(run.bindFailuresLeftOut(),
                        "more bind failure", "more bind failures") + " not shown");
            }
        }
        out.close("section");
    }

    private static void holders(Markup out, BindFailure failure) {
        if (failure.holders().isEmpty()) {
            out.element("p class=\"muted\"", "nothing held the port when the agent looked");
            return;
        }
        out.open("table").open("tr").element("th", "held by (state)").element("th", "owner")
                .element("th class=\"n\"", "count").element("th", "local").element("th class=\"n\"", "seconds left")
                .element("th", "opened at").close("tr");
        for (PortHolder holder : RunAccumulator.first(failure.holders(), HOLDERS_SHOWN)) {
            out.open("tr").element("td", Text.orDash(holder.state()))
                    .element("td", Text.orDash(holder.owner()) + (holder.pid() == null ? "" : " (pid " + holder.pid() + ")"))
                    .element("td class=\"n\"", holder.count())
                    .open("td").element("code", Text.orDash(holder.local())).close("td")
                    .element("td class=\"n\"", holder.secondsLeft() == null ? "-"
                            : String.format(java.util.Locale.ROOT, "%.0f", holder.secondsLeft()))
                    .element("td class=\"frame\"", Text.orDash(holder.frame())).close("tr");
        }
        out.close("table");
        if (failure.holders().size() > HOLDERS_SHOWN) {
            out.element("p class=\"leftout\"", (failure.holders().size() - HOLDERS_SHOWN) + " more holders not shown");
        }
    }
}
