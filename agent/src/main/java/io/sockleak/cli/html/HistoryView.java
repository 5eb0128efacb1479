package io.sockleak.cli.html;

import io.sockleak.cli.analyse.SiteTally;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts: all leaks, then each site that leaked, as counts at every report of the runs that have two
 * reports or more (interval reports; a run with one report has no "over time"). Sites with the most leaks at
 * their peak first, cut to {@link #SITES_SHOWN}; each chart draws the {@link #SERIES_SHOWN} runs with the
 * highest peak.
 */
record HistoryView(List<Page.History> shown, int leftOut, int singleReportRuns) {

    static final int SITES_SHOWN = 12;
    static final int SERIES_SHOWN = 6;

    static HistoryView of(List<ProcessRun> allRuns, Map<String, SiteTally.SiteCount> names) {
        List<ProcessRun> runs = allRuns.stream().filter(run -> run.points().size() >= 2).toList();
        if (runs.isEmpty()) {
            return new HistoryView(List.of(), 0, 0);
        }
        List<Page.History> charts = new ArrayList<>();
        charts.add(history(null, null, null, runs));
        Map<String, Integer> peaks = new HashMap<>();
        runs.forEach(run -> run.points().forEach(p -> p.sites().forEach((site, n) -> peaks.merge(site, n, Math::max))));
        List<String> sites = peaks.keySet().stream()
                .sorted(Comparator.comparing((String s) -> peaks.get(s)).reversed().thenComparing(s -> s))
                .toList();
        for (String site : RunAccumulator.first(sites, SITES_SHOWN)) {
            SiteTally.SiteCount named = names.get(site);
            charts.add(history(site, named == null ? null : named.frame(),
                    named == null ? null : named.libraryFrame(), runs));
        }
        return new HistoryView(charts, Math.max(0, sites.size() - SITES_SHOWN), allRuns.size() - runs.size());
    }

    /** {@code site} null: all leaks of each report. Runs in which the site never leaked are not drawn. */
    private static Page.History history(String site, String frame, String libraryFrame, List<ProcessRun> runs) {
        List<Page.Series> series = new ArrayList<>();
        for (ProcessRun run : runs) {
            List<Page.Sample> samples = run.points().stream()
                    .map(p -> new Page.Sample(p.at(), site == null ? p.leaks() : p.sites().getOrDefault(site, 0)))
                    .toList();
            if (site == null || samples.stream().anyMatch(s -> s.count() > 0)) {
                series.add(new Page.Series(run, samples));
            }
        }
        series.sort(Comparator.comparingInt(HistoryView::peak).reversed());
        return new Page.History(site, frame, libraryFrame, RunAccumulator.first(series, SERIES_SHOWN),
                Math.max(0, series.size() - SERIES_SHOWN));
    }

    static int peak(Page.Series series) {
        return series.samples().stream().mapToInt(Page.Sample::count).max().orElse(0);
    }
}
