package io.sockleak.cli.html;

import io.sockleak.cli.analyse.SiteTally;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sites leak where: for each site that leaked in any report, the runs and folders it leaked in, its
 * leaks in each run's last report, and the first and last report time that showed it leaking. Most
 * widespread first; cut to {@link #SHOWN}.
 */
record FleetView(List<Page.FleetRow> shown, int leftOut) {

    static final int SHOWN = 100;

    private static final class Spread {
        final Set<Integer> runs = new HashSet<>();
        final Set<String> folders = new HashSet<>();
        int leaksNow;
        Instant first;
        Instant last;
    }

    static FleetView of(List<ProcessRun> runs, Map<String, SiteTally.SiteCount> names) {
        Map<String, Spread> bySite = new LinkedHashMap<>();
        for (ProcessRun run : runs) {
            List<ProcessRun.Point> points = run.points();
            for (ProcessRun.Point point : points) {
                point.sites().forEach((site, count) -> {
                    Spread spread = bySite.computeIfAbsent(site, s -> new Spread());
                    spread.runs.add(run.number());
                    spread.folders.add(run.folder());
                    spread.first = spread.first == null || point.at().isBefore(spread.first) ? point.at() : spread.first;
                    spread.last = spread.last == null || point.at().isAfter(spread.last) ? point.at() : spread.last;
                });
            }
            if (!points.isEmpty()) {
                points.get(points.size() - 1).sites().forEach((site, count) -> bySite.get(site).leaksNow += count);
            }
        }
        List<Page.FleetRow> rows = new ArrayList<>();
        bySite.forEach((site, spread) -> {
            SiteTally.SiteCount named = names.get(site);
            rows.add(new Page.FleetRow(site, named == null ? null : named.frame(),
                    named == null ? null : named.libraryFrame(), spread.runs.size(), spread.folders.size(),
                    spread.leaksNow, spread.first, spread.last));
        });
        rows.sort(Comparator.comparingInt(Page.FleetRow::runs).reversed()
                .thenComparing(Comparator.comparingInt(Page.FleetRow::leaksNow).reversed())
                .thenComparing(Page.FleetRow::site));
        return new FleetView(RunAccumulator.first(rows, SHOWN), Math.max(0, rows.size() - SHOWN));
    }
}
