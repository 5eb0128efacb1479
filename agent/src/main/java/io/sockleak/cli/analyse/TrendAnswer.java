package io.sockleak.cli.analyse;

import io.sockleak.model.LeakReport;
import io.sockleak.model.ProcessInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code trend} says about a series of reports; the {@code --json} shape. Reports of different process
 * runs (pid + agentStartedAt) are never mixed: each run is its own series, runs ordered by their first report.
 */
public record TrendAnswer(int reports, List<ProcessSeries> processes) {

    /** One report read, with its parsed time. */
    record Dated(Path file, LeakReport report, Instant generatedAt) {
    }

    public record Point(String file, String generatedAt, String trigger) {
    }

    /** {@code hours}: from the first to the last report; {@code leaks}: all leaks of each report. */
    public record ProcessSeries(Long pid, String mainClass, String agentStartedAt, double hours,
                                List<Point> reports, Series leaks, List<Series> sites) {
    }

    /**
     * One site's leak count in each report (0 where absent); {@code ratePerHour}: (last - first) / hours,
     * null with a single report or no time between first and last.
     */
    public record Series(String site, String frame, String libraryFrame, List<Integer> counts, int first, int last,
                         Double ratePerHour) {
    }

    private record ProcessKey(Long pid, String agentStartedAt) {

        static ProcessKey of(LeakReport report) {
            ProcessInfo process = report.process();
            return process == null ? new ProcessKey(null, null)
                    : new ProcessKey(process.pid(), process.agentStartedAt());
        }
    }

    static TrendAnswer of(List<Dated> reports) {
        List<Dated> inTime = reports.stream()
                .sorted(Comparator.comparing(Dated::generatedAt).thenComparing(d -> d.file().toString()))
                .toList();
        Map<ProcessKey, List<Dated>> byProcess = new LinkedHashMap<>();
        for (Dated dated : inTime) {
            byProcess.computeIfAbsent(ProcessKey.of(dated.report()), key -> new ArrayList<>()).add(dated);
        }
        List<ProcessSeries> processes = new ArrayList<>();
        byProcess.forEach((key, series) -> processes.add(processSeries(key, series)));
        return new TrendAnswer(inTime.size(), processes);
    }

    private static ProcessSeries processSeries(ProcessKey key, List<Dated> series) {
        Dated last = series.get(series.size() - 1);
        double hours = Duration.between(series.get(0).generatedAt(), last.generatedAt()).getSeconds() / 3_600.0;
        List<Point> points = series.stream()
                .map(d -> new Point(d.file().toString(), d.report().generatedAt(), d.report().trigger()))
                .toList();
        List<Integer> leakCounts = series.stream().map(d -> Counts.of(d.report()).leaks()).toList();
        ProcessInfo process = last.report().process();
        return new ProcessSeries(key.pid(), process == null ? null : process.mainClass(), key.agentStartedAt(), hours,
                points, series(null, null, leakCounts, hours), siteSeries(series, hours));
    }

    private static List<Series> siteSeries(List<Dated> reports, double hours) {
        List<Map<String, SiteTally.SiteCount>> tallies = reports.stream().map(d -> SiteTally.of(d.report())).toList();
        Map<String, SiteTally.SiteCount> named = new LinkedHashMap<>();
        for (Map<String, SiteTally.SiteCount> tally : tallies) {
            // The latest report's frames win: the agent may have learned more by then.
            tally.values().forEach(site -> named.merge(site.site(), site,
                    (older, newer) -> newer.frame() == null && newer.libraryFrame() == null ? older : newer));
        }
        List<Series> sites = new ArrayList<>();
        named.forEach((site, frames) -> {
            List<Integer> counts = tallies.stream()
                    .map(tally -> tally.containsKey(site) ? tally.get(site).count() : 0)
                    .toList();
            sites.add(series(site, frames, counts, hours));
        });
        sites.sort(Comparator.comparing((Series s) -> s.ratePerHour() == null ? 1 : 0)
                .thenComparing(Comparator.comparing((Series s) -> s.ratePerHour() == null ? 0 : s.ratePerHour())
                        .reversed())
                .thenComparing(Comparator.comparingInt(Series::last).reversed())
                .thenComparing(Series::site));
        return sites;
    }

    private static Series series(String site, SiteTally.SiteCount frames, List<Integer> counts, double hours) {
        int first = counts.get(0);
        int last = counts.get(counts.size() - 1);
        Double rate = counts.size() < 2 || hours <= 0 ? null : (last - first) / hours;
        return new Series(site, frames == null ? null : frames.frame(), frames == null ? null : frames.libraryFrame(),
                counts, first, last, rate);
    }
}
