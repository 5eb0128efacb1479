package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Counts;
import io.sockleak.cli.analyse.SiteTally;
import io.sockleak.cli.analyse.SummaryAnswer;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ProcessInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Takes reports one at a time (each may be dropped after {@link #add}) and builds the {@link Page}. */
final class PageBuilder {

    /** Process runs listed one by one; all of them count in the totals, the sites, the charts and the fleet. */
    static final int RUNS_SHOWN = 200;

    private record RunKey(String folder, Long pid, String agentStartedAt) {

        static RunKey of(Path file, LeakReport report) {
            Path parent = file.toAbsolutePath().normalize().getParent();
            ProcessInfo process = report.process();
            return new RunKey(parent == null ? "/" : parent.toString(), process == null ? null : process.pid(),
                    process == null ? null : process.agentStartedAt());
        }
    }

    private final Map<RunKey, RunAccumulator> runs = new LinkedHashMap<>();
    private final Map<String, SiteTally.SiteCount> siteNames = new HashMap<>();
    private int reports;

    void add(Path file, LeakReport report) {
        reports++;
        RunKey key = RunKey.of(file, report);
        runs.computeIfAbsent(key, k -> new RunAccumulator(k.folder())).add(file, report, siteNames);
    }

    Page build() {
        // Oldest run first: the order in which they happened, whatever the files were called.
        List<RunAccumulator> inTime = runs.values().stream()
                .sorted(Comparator.comparing(RunAccumulator::firstAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<ProcessRun> numbered = new ArrayList<>();
        inTime.forEach(run -> numbered.add(run.build(numbered.size() + 1)));
        Set<String> folders = new LinkedHashSet<>();
        numbered.forEach(run -> folders.add(run.folder()));
        SiteMerge sites = SiteMerge.of(numbered);
        HistoryView histories = HistoryView.of(numbered, siteNames);
        FleetView fleet = FleetView.of(numbered, siteNames);
        return new Page(reports, List.copyOf(folders), RunAccumulator.first(numbered, RUNS_SHOWN),
                Math.max(0, numbered.size() - RUNS_SHOWN), totals(numbered), meanings(numbered),
                sites.shown(), sites.sitesLeftOut(), sites.leaksLeftOut(), histories.shown(),
                histories.leftOut(), histories.singleReportRuns(), fleet.shown(), fleet.leftOut());
    }

    private static Counts totals(List<ProcessRun> runs) {
        int leaks = 0, closeWait = 0, unaccepted = 0, collected = 0, untracked = 0, open = 0, stale = 0, young = 0;
        for (ProcessRun run : runs) {
            Counts c = run.latest().counts();
            leaks += c.leaks();
            closeWait += c.closeWait();
            unaccepted += c.unaccepted();
            collected += c.collectedOpen();
            untracked += c.untracked();
            open += c.trackedOpen();
            stale += c.stalePooled();
            young += c.young();
        }
        return new Counts(leaks, closeWait, unaccepted, collected, untracked, open, stale, young);
    }

    /** {@code summary}'s "what it means", each verdict once with its count over all runs. */
    private static List<Page.Meaning> meanings(List<ProcessRun> runs) {
        Map<String, Page.Meaning> byKind = new LinkedHashMap<>();
        for (ProcessRun run : runs) {
            for (SummaryAnswer.Meaning m : run.latest().meanings()) {
                byKind.merge(m.kind(), new Page.Meaning(m.kind(), m.count(), m.meaning()),
                        (a, b) -> new Page.Meaning(a.kind(), a.count() + b.count(), a.meaning()));
            }
        }
        return List.copyOf(byKind.values());
    }
}
