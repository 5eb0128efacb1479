package io.sockleak.cli.analyse;

import io.sockleak.model.ProcessInfo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a {@link SummaryAnswer} as the human-readable page. */
final class SummaryPage {

    private static final int MAX_WAITING_SHOWN = 3;
    private static final int MAX_UNTRACKED_SHOWN = 5;
    private static final String FRAME_INDENT = "          ";
    private static final String STACK_INDENT = "            ";

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
        printNotLeaks();
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
        out.println("  NOT leaks (not counted above)");
        countLine("    stale pooled", counts.stalePooled());
        countLine("    young", counts.young());
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
        out.println("   count  application frame");
        SiteLabel label = SiteLabel.forPage(sites.stream().map(SummaryPage::named).toList());
        List<SummaryAnswer.Site> shown = topSites == 0 ? sites : sites.subList(0, Math.min(topSites, sites.size()));
        for (SummaryAnswer.Site site : shown) {
            Text.wrapTokens(String.format("%8d  ", site.count()), FRAME_INDENT + "  ", label.tokens(named(site)),
                    Text.WIDTH).forEach(out::println);
            out.println(FRAME_INDENT + Text.fitRight(siteLine(site), Text.WIDTH - FRAME_INDENT.length()));
            for (SummaryAnswer.Evidence evidence : site.evidence()) {
                Text.wrap(FRAME_INDENT + "evidence (" + evidence.count() + "): ", FRAME_INDENT + "  ",
                        evidence.words(), Text.WIDTH).forEach(out::println);
            }
            if (!site.borrowStack().isEmpty()) {
                out.println(FRAME_INDENT + "borrowed at");
                site.borrowStack().forEach(element -> out.println(STACK_INDENT + "at " + element));
                if (!site.shortStack().isEmpty()) {
                    out.println(FRAME_INDENT + "opened at");
                }
            }
            site.shortStack().forEach(element -> out.println(STACK_INDENT + "at " + element));
        }
        if (shown.size() < sites.size()) {
            List<SummaryAnswer.Site> rest = sites.subList(shown.size(), sites.size());
            int leaks = rest.stream().mapToInt(SummaryAnswer.Site::count).sum();
            out.println("  ... " + Text.plural(rest.size(), "more site", "more sites") + " with "
                    + Text.plural(leaks, "leak", "leaks") + " (--top 0 lists all)");
        }
    }

    private static SiteLabel.Named named(SummaryAnswer.Site site) {
        return new SiteLabel.Named(site.site(), site.frame(), site.libraryFrame());
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

    /** Stale pooled connections and young sockets, apart from the leaks and marked as not leaks. */
    private void printNotLeaks() {
        List<SummaryAnswer.StalePool> pools = answer.stalePooled();
        if (pools.isEmpty() && answer.young() == 0) {
            return;
        }
        out.println();
        out.println("NOT leaks: idle pooled connections closed by the peer (stale), and young sockets");
        for (SummaryAnswer.StalePool pool : pools) {
            String idle = range(pool.idleSecondsMin(), pool.idleSecondsMax());
            Text.wrap("  " + pool.pool() + ": ", "    ", Text.plural(pool.count(), "stale connection",
                    "stale connections") + (idle == null ? "" : ", idle " + idle)
                    + (pool.closeWaitSecondsMax() == null ? "" : ", in CLOSE_WAIT up to "
                    + pool.closeWaitSecondsMax() + " s"), Text.WIDTH).forEach(out::println);
            SiteLabel label = SiteLabel.forPage(pool.sites().stream()
                    .map(s -> new SiteLabel.Named(s.site(), s.frame(), s.libraryFrame())).toList());
            for (SummaryAnswer.StaleSite site : pool.sites()) {
                Text.wrapTokens(String.format("%8d  opened at ", site.count()), FRAME_INDENT + "  ",
                        label.tokens(new SiteLabel.Named(site.site(), site.frame(), site.libraryFrame())),
                        Text.WIDTH).forEach(out::println);
            }
            if (pool.advice() != null) {
                Text.wrap("    advice: ", "      ", pool.advice(), Text.WIDTH).forEach(out::println);
            }
        }
        if (answer.young() > 0) {
            Text.wrap("  young: ", "    ", Text.plural(answer.young(), "socket", "sockets")
                    + " in CLOSE_WAIT for less than minCloseWait, not judged yet", Text.WIDTH).forEach(out::println);
        }
    }

    private static String range(Long min, Long max) {
        if (min == null || max == null) {
            return null;
        }
        return (min.equals(max) ? min.toString() : min + "-" + max) + " s";
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
                    + "  " + Text.orDash(leak.state()) + (leak.evidence() == null ? "" : "  " + leak.evidence()),
                    Text.WIDTH));
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
                List<String> tokens = new ArrayList<>(List.of(listener.openedAt()));
                if (listener.libraryFrame() != null) {
                    tokens.add("via " + listener.libraryFrame());
                }
                Text.wrapTokens("                opened at ", "                  ", tokens, Text.WIDTH)
                        .forEach(out::println);
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
            out.println("  no leaks, no unaccepted connections and nothing stale in this report.");
            return;
        }
        for (SummaryAnswer.Meaning meaning : answer.meanings()) {
            String label = "  " + meaning.kind() + " (" + meaning.count() + "): ";
            Text.wrap(label, "    ", meaning.meaning(), Text.WIDTH).forEach(out::println);
        }
    }
}
