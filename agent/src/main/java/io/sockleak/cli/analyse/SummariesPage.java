package io.sockleak.cli.analyse;

import java.io.PrintStream;

/**
 * Renders a {@link SummariesAnswer}: one line per report, oldest first, then the full page of each report
 * that has leaks (a report without leaks has nothing to act on).
 */
final class SummariesPage {

    private final SummariesAnswer answer;
    private final int topSites;
    private final PrintStream out;

    SummariesPage(SummariesAnswer answer, int topSites, PrintStream out) {
        this.answer = answer;
        this.topSites = topSites;
        this.out = out;
    }

    void print() {
        out.println("sockleak summary  " + answer.reports() + " reports from "
                + Text.plural(answer.processes(), "process", "processes") + ", "
                + (answer.reportsWithLeaks() == 0 ? "none" : Integer.toString(answer.reportsWithLeaks()))
                + " with leaks");
        out.println();
        // The agent's file names carry pid, time and trigger; the order is by generatedAt, as trend's.
        out.println("  leaks  report, oldest first");
        for (SummaryAnswer report : answer.summaries()) {
            out.println(String.format("  %5d  ", report.counts().leaks()) + Text.fitLeft(report.file(), Text.WIDTH - 9));
        }
        for (SummaryAnswer report : answer.summaries()) {
            if (report.hasLeaks()) {
                out.println();
                new SummaryPage(report, topSites, out).print();
            }
        }
    }
}
