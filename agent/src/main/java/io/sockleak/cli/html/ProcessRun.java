package io.sockleak.cli.html;

import io.sockleak.cli.analyse.SummaryAnswer;
import io.sockleak.model.BindFailure;
import io.sockleak.model.ProcessInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One process run (pid + agentStartedAt, in one folder: a folder per host keeps equal pids of two hosts apart)
 * as the page shows it. {@code latest}: {@code summary}'s answer for the run's latest report, its sites cut to
 * {@link RunAccumulator#SITES_KEPT}; {@code points}: every report with a time, oldest first, for the charts;
 * {@code bindFailures}: those of all its reports, each once.
 */
record ProcessRun(
        int number,
        String folder,
        ProcessInfo process,
        int reports,
        Map<String, Integer> triggers,
        String latestFile,
        SummaryAnswer latest,
        int sitesLeftOut,
        int untrackedLeftOut,
        int listenersLeftOut,
        List<BindFailure> bindFailures,
        int bindFailuresLeftOut,
        List<String> notes,
        List<Point> points) {

    /** One report of the run in time: its leaks, and its leaks per site id (sites with none left out). */
    record Point(Instant at, int leaks, Map<String, Integer> sites) {
    }

    /** How the page names the run: "pid 4242 com.example.Main". */
    String label() {
        return "pid " + (process == null ? "?" : process.pid()) + " "
                + (process == null || process.mainClass() == null ? "(main class unknown)" : process.mainClass());
    }

    int leaks() {
        return latest.counts().leaks();
    }
}
