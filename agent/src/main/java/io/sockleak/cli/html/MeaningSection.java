package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Text;

import java.util.LinkedHashSet;
import java.util.Set;

/** Each verdict explained in {@code summary}'s words, then the reports' own notes and the files read. */
final class MeaningSection {

    static final int FILES_SHOWN = 50;

    private MeaningSection() {
    }

    static void write(Page page, Markup out) {
        out.open("section id=\"meanings\"").element("h2", "What it means");
        if (page.meanings().isEmpty()) {
            out.element("p", "No leaks, no unaccepted connections and nothing stale in "
                    + (page.reports() == 1 ? "this report." : "these reports."));
        } else {
            out.open("dl class=\"meanings\"");
            for (Page.Meaning meaning : page.meanings()) {
                out.element("dt", meaning.kind() + " (" + meaning.count() + ")").element("dd", meaning.meaning());
            }
            out.close("dl");
        }
        notes(page, out);
        out.close("section");
    }

    private static void notes(Page page, Markup out) {
        Set<String> notes = new LinkedHashSet<>();
        page.runs().forEach(run -> notes.addAll(run.notes()));
        if (!notes.isEmpty()) {
            out.element("h3", "Notes from the reports").open("ul");
            notes.forEach(note -> out.element("li", note));
            out.close("ul");
        }
        out.element("h3", "Read from").open("ul class=\"muted\"");
        int shown = 0;
        for (ProcessRun run : page.runs()) {
            if (shown++ < FILES_SHOWN) {
                out.open("li").element("code", run.latestFile()).text(" (latest of " + Text.plural(run.reports(),
                        "report", "reports") + " of " + run.label() + ")").close("li");
            }
        }
        out.close("ul");
        if (shown > FILES_SHOWN) {
            out.element("p class=\"leftout\"", (shown - FILES_SHOWN) + " more process runs' files not listed");
        }
    }
}
