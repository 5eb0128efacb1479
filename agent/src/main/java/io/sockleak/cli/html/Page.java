package io.sockleak.cli.html;

import io.sockleak.cli.analyse.Counts;
import io.sockleak.cli.analyse.SummaryAnswer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the page shows, built from the reports by {@link PageBuilder}: each process run with its latest
 * report's verdicts, the leaking sites of all runs merged by site id, each site's leaks over time, and which
 * sites leak in how many processes and folders. Lists are already cut to what the page shows; the
 * {@code ...LeftOut} counts say what was cut.
 */
record Page(
        int reports,
        List<String> folders,
        List<ProcessRun> runs,
        int runsLeftOut,
        Counts totals,
        List<Meaning> meanings,
        List<LeakingSite> sites,
        int sitesLeftOut,
        int leaksLeftOut,
        List<History> histories,
        int historiesLeftOut,
        int singleReportRuns,
        List<FleetRow> fleet,
        int fleetLeftOut) {

    /** Every process run read, listed or not. */
    int runCount() {
        return runs.size() + runsLeftOut;
    }

    /** {@code summary}'s explanation of one verdict, its count summed over the runs. */
    record Meaning(String kind, int count, String meaning) {
    }

    /**
     * A leaking site over all runs: {@code count} leaks in the latest report of each run; {@code shares}: the
     * runs it leaks in, most first, with {@code summary}'s evidence in words.
     */
    record LeakingSite(String site, String frame, String libraryFrame, int count, Map<String, Integer> kinds,
                       List<String> stack, List<String> borrowStack, List<Share> shares, int sharesLeftOut) {
    }

    record Share(ProcessRun run, int count, List<SummaryAnswer.Evidence> evidence) {
    }

    /** One chart: a site's leak count (or all leaks, {@code site} null) at each report of each run drawn. */
    record History(String site, String frame, String libraryFrame, List<Series> series, int seriesLeftOut) {
    }

    record Series(ProcessRun run, List<Sample> samples) {
    }

    record Sample(Instant at, int count) {
    }

    /**
     * A site across the fleet: in how many runs and folders it leaked, its leaks now (the latest report of
     * each run), and the first and last report that showed it leaking.
     */
    record FleetRow(String site, String frame, String libraryFrame, int runs, int folders, int leaksNow,
                    Instant firstSeen, Instant lastSeen) {
    }
}
