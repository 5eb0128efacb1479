package io.sockleak.cli.analyse;

import io.sockleak.report.model.ProcessInfo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a {@link SummaryAnswer} as the human-readable page. */
final class SummaryPage {

    private static final int MAX_WAITING_SHOWN = 3;
    private static final int MAX_UNTRACKED_SHOWN = 5;

    private final SummaryAnswer answer;
    private final int topSites;
    private final PrintStream out;

    SummaryPage(SummaryAnswer answer, int topSites, PrintStream out) {
        this.answer = answer;
        this.topSites = topSites;
        this.out = out;
    }

    void print() {
        printHeader();
        printCounts();
        printSites();
        printUntracked();
        printListeners();
        printMeanings();
    }

    private void printHeader() {
        out.println("sockleak summary  " + Text.fitLeft(answer.file(), Text.WIDTH - 18));
        ProcessInfo process = answer.process();
        if (process == null) {
            out.println("  process     unknown (no process block)");
        } else {
            out.println(Text.fitRight("  process     pid " + process.pid() + ", " + Text.orDash(process.mainClass()),
                    Text.WIDTH));
            out.println(Text.fitRight("  java        " + Text.orDash(process.javaVersion()) + ", agent "
                    + Text.orDash(process.agentVersion()) + " (" + Text.orDash(process.startMode()) + ")", Text.WIDTH));
            out.println("  started     " + Text.orDash(process.agentStartedAt()));
            if (process.fds() != null) {
                String limit = process.fds().limit() < 0 ? "no limit known" : "limit " + process.fds().limit();
                out.println("  fds         " + process.fds().open() + " open, " + limit);
            }
        }
        out.println("  generated   " + Text.orDash(answer.generatedAt()));
        out.println("  trigger     " + Text.orDash(answer.trigger()));
    }

    private void printCounts() {
        Counts counts = answer.counts();
        out.println();
        out.println("counts");
        countLine("  leaks", counts.leaks());
        countLine("    CLOSE_WAIT", counts.closeWait());
        countLine("    collected open", counts.collectedOpen());
        countLine("    untracked", counts.untracked());
        countLine("  unaccepted", counts.unaccepted());
        countLine("  tracked open", counts.trackedOpen());
    }

    private void countLine(String label, int count) {
        out.printf("%-20s%8d%n", label, count);
    }

    private void printSites() {
        List<SummaryAnswer.Site> sites = answer.sites();
        out.println();
        if (sites.isEmpty()) {
            out.println("leaking sites: none");
            return;
        }
        out.println("leaking sites, most leaks first");
        out.println("   count  first application frame");
        List<SummaryAnswer.Site> shown = topSites == 0 ? sites : sites.subList(0, Math.min(topSites, sites.size()));
        for (SummaryAnswer.Site site : shown) {
            String frame = site.frame() == null ? "(no frame recorded)" : Frames.fit(site.frame(), Text.WIDTH - 10);
            out.printf("%8d  %s%n", site.count(), frame);
            out.println("          " + Text.fitRight(siteLine(site), Text.WIDTH - 10));
            for (String element : site.shortStack()) {
                out.println("            at " + Frames.fit(element, Text.WIDTH - 15));
            }
        }
        if (shown.size() < sites.size()) {
            List<SummaryAnswer.Site> rest = sites.subList(shown.size(), sites.size());
            int leaks = rest.stream().mapToInt(SummaryAnswer.Site::count).sum();
            out.println("  ... " + Text.plural(rest.size(), "more site", "more sites") + " with "
                    + Text.plural(leaks, "leak", "leaks") + " (--top 0 lists all)");
        }
    }

    private static String siteLine(SummaryAnswer.Site site) {
        StringBuilder line = new StringBuilder("site " + Text.orDash(site.site()));
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, Integer> kind : site.kinds().entrySet()) {
            kinds.add(kind.getValue() + " " + LeakKinds.label(kind.getKey()));
        }
        if (!kinds.isEmpty()) {
            line.append(": ").append(String.join(", ", kinds));
        }
        return line.toString();
    }

    private void printUntracked() {
        List<SummaryAnswer.UntrackedLeak> untracked = answer.untracked();
        if (untracked.isEmpty()) {
            return;
        }
        out.println();
        out.println("leaks without a site (no stack known)");
        for (SummaryAnswer.UntrackedLeak leak : untracked.subList(0, Math.min(MAX_UNTRACKED_SHOWN, untracked.size()))) {
            out.println(Text.fitRight("  " + Text.orDash(leak.local()) + " -> " + Text.orDash(leak.remote())
                    + "  " + Text.orDash(leak.state()), Text.WIDTH));
        }
        if (untracked.size() > MAX_UNTRACKED_SHOWN) {
            out.println("  ... " + (untracked.size() - MAX_UNTRACKED_SHOWN) + " more");
        }
    }

    private void printListeners() {
        List<SummaryAnswer.Listener> listeners = answer.listeners();
        out.println();
        if (listeners.isEmpty()) {
            out.println("listeners: none");
            return;
        }
        out.println("listeners");
        out.println("  accept queue  local");
        for (SummaryAnswer.Listener listener : listeners) {
            String queue = listener.acceptQueue() < 0 ? "?" : Integer.toString(listener.acceptQueue());
            out.printf("%14s  %s%n", queue, Text.fitRight(Text.orDash(listener.local()), Text.WIDTH - 16));
            if (listener.openedAt() != null) {
                out.println("                opened at " + Frames.fit(listener.openedAt(), Text.WIDTH - 26));
            }
            List<String> waiting = listener.waiting();
            if (!waiting.isEmpty()) {
                String shown = String.join(", ", waiting.subList(0, Math.min(MAX_WAITING_SHOWN, waiting.size())));
                int hidden = waiting.size() - MAX_WAITING_SHOWN;
                String more = hidden > 0 ? " (+" + hidden + " more)" : "";
                out.println(Text.fitRight("                waiting: " + shown + more, Text.WIDTH));
            }
        }
    }

    private void printMeanings() {
        out.println();
        out.println("what it means");
        if (answer.meanings().isEmpty()) {
            out.println("  no leaks and no unaccepted connections in this report.");
            return;
        }
        for (SummaryAnswer.Meaning meaning : answer.meanings()) {
            String label = "  " + meaning.kind() + " (" + meaning.count() + "): ";
            Text.wrap(label, "    ", meaning.meaning(), Text.WIDTH).forEach(out::println);
        }
    }
}
