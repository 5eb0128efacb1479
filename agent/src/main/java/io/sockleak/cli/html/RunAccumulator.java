package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Counts;
import io.sockleak.cli.analyse.Instants;
import io.sockleak.cli.analyse.SiteTally;
import io.sockleak.cli.analyse.SummaryAnswer;
import io.sockleak.model.BindFailure;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ProcessInfo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds the reports of one process run, one at a time, so that a folder of hundreds of large reports never
 * sits in memory at once: of each report it keeps a point for the charts (leaks per site), its bind failures,
 * and, while it is the latest, {@code summary}'s answer for it, cut to what the page can show.
 */
final class RunAccumulator {

    /** Sites of one run kept for the page; the rest are counted, not kept (a page with thousands stays light). */
    static final int SITES_KEPT = 200;
    /** Frames of each stack kept: the agent's stackDepth is far below; a hand-made report's may not be. */
    static final int FRAMES_KEPT = 200;
    static final int UNTRACKED_KEPT = 50;
    static final int LISTENERS_KEPT = 100;
    static final int BIND_FAILURES_KEPT = 50;
    static final int NOTES_KEPT = 20;

    private final String folder;
    private final Map<String, Integer> triggers = new LinkedHashMap<>();
    private final List<ProcessRun.Point> points = new ArrayList<>();
    private final Map<List<String>, BindFailure> bindFailures = new LinkedHashMap<>();
    private int bindFailuresLeftOut;
    private int reports;
    private Instant latestAt;
    private boolean hasLatest;
    private String latestFile;
    private SummaryAnswer latest;
    private ProcessInfo process;
    private int sitesLeftOut;
    private int untrackedLeftOut;
    private int listenersLeftOut;
    private List<String> notes = List.of();

    RunAccumulator(String folder) {
        this.folder = folder;
    }

    /**
     * {@code names}: the frames of every site id seen so far, over all runs; this report's replace older ones
     * (the agent may have learned more since).
     */
    void add(Path file, LeakReport report, Map<String, SiteTally.SiteCount> names) {
        reports++;
        triggers.merge(Objects.toString(report.trigger(), "?"), 1, Integer::sum);
        Instant at = Instants.parse(report.generatedAt()).orElse(null);
        Map<String, Integer> sites = new HashMap<>();
        SiteTally.of(report).forEach((id, site) -> {
            if (site.count() > 0) {
                sites.put(id, site.count());
            }
            if (site.frame() != null || site.libraryFrame() != null || !names.containsKey(id)) {
                names.put(id, site);
            }
        });
        if (at != null) {
            points.add(new ProcessRun.Point(at, Counts.of(report).leaks(), Map.copyOf(sites)));
        }
        for (BindFailure failure : report.bindFailures()) {
            List<String> key = Arrays.asList(failure.address(), failure.at(), failure.thread());
            if (bindFailures.containsKey(key)) {
                continue;
            }
            if (bindFailures.size() < BIND_FAILURES_KEPT) {
                bindFailures.put(key, failure);
            } else {
                bindFailuresLeftOut++;
            }
        }
        if (isLatest(at)) {
            keepAsLatest(file, report, at);
        }
    }

    /** A report with a time is later than one without; of two without, the one read last (files go in name order). */
    private boolean isLatest(Instant at) {
        if (!hasLatest) {
            return true;
        }
        if (at == null) {
            return latestAt == null;
        }
        return latestAt == null || !at.isBefore(latestAt);
    }

    private void keepAsLatest(Path file, LeakReport report, Instant at) {
        SummaryAnswer answer = SummaryAnswer.of(file, report, FRAMES_KEPT + 1);
        sitesLeftOut = Math.max(0, answer.sites().size() - SITES_KEPT);
        untrackedLeftOut = Math.max(0, answer.untracked().size() - UNTRACKED_KEPT);
        listenersLeftOut = Math.max(0, answer.listeners().size() - LISTENERS_KEPT);
        latest = new SummaryAnswer(answer.file(), answer.generatedAt(), answer.trigger(), answer.process(),
                answer.counts(), answer.hasLeaks(), first(answer.sites(), SITES_KEPT),
                first(answer.untracked(), UNTRACKED_KEPT), answer.stalePooled(), answer.young(),
                first(answer.listeners(), LISTENERS_KEPT), answer.meanings());
        latestFile = file.toString();
        latestAt = at;
        hasLatest = true;
        process = report.process();
        Set<String> distinct = new LinkedHashSet<>(report.notes());
        notes = first(new ArrayList<>(distinct), NOTES_KEPT);
    }

    /** When the run's first report with a time was written; null when none has one. */
    Instant firstAt() {
        return points.stream().map(ProcessRun.Point::at).min(Comparator.naturalOrder()).orElse(null);
    }

    ProcessRun build(int number) {
        points.sort(Comparator.comparing(ProcessRun.Point::at));
        return new ProcessRun(number, folder, process, reports, Map.copyOf(triggers), latestFile, latest,
                sitesLeftOut, untrackedLeftOut, listenersLeftOut, List.copyOf(bindFailures.values()), bindFailuresLeftOut, notes,
                List.copyOf(points));
    }

    static <T> List<T> first(List<T> list, int count) {
        return list.size() <= count ? list : List.copyOf(list.subList(0, count));
    }
}
