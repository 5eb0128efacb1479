package io.sockleak.cli.analyse;

import java.io.PrintStream;

/** Renders a {@link TrendAnswer} as a page: one block per process run. */
final class TrendPage {

    private static final int MAX_SPARKLINE = 12;

    private final TrendAnswer answer;
    private final boolean ascii;
    private final PrintStream out;

    TrendPage(TrendAnswer answer, boolean ascii, PrintStream out) {
        this.answer = answer;
        this.ascii = ascii;
        this.out = out;
    }

    void print() {
        int runs = answer.processes().size();
        out.println("sockleak trend  " + Text.plural(answer.reports(), "report", "reports") + ", "
                + Text.plural(runs, "process run", "process runs"));
        if (runs > 1) {
            out.println("each process run (pid + agentStartedAt) is its own series, first run first");
        }
        answer.processes().forEach(this::printProcess);
    }

    private void printProcess(TrendAnswer.ProcessSeries process) {
        out.println();
        out.println(Text.fitRight("pid " + Text.orDash(process.pid()) + ", " + Text.orDash(process.mainClass())
                + ", agent started " + Text.orDash(process.agentStartedAt()), Text.WIDTH));
        int reports = process.reports().size();
        String first = process.reports().get(0).generatedAt();
        String last = process.reports().get(reports - 1).generatedAt();
        out.println(reports == 1
                ? "  1 report at " + first + "; a rate needs two"
                : "  " + reports + " reports from " + first + " to " + last + " (" + Text.hours(process.hours()) + ")");

        int sparkWidth = Math.max(6, Math.min(reports, MAX_SPARKLINE));
        String numbers = "%8s%7s%7s  %-" + sparkWidth + "s  ";
        SiteColumns columns = SiteColumns.of(process.sites().stream().map(TrendAnswer.Series::site).toList());
        out.println(columns.header(String.format(numbers, "rate/h", "first", "last", "counts"),
                "application frame"));
        TrendAnswer.Series leaks = process.leaks();
        out.println(String.format(numbers, Text.rate(leaks.ratePerHour()), leaks.first(), leaks.last(),
                Sparkline.of(leaks.counts(), MAX_SPARKLINE, ascii)) + "(all leaks)");
        for (TrendAnswer.Series site : process.sites()) {
            columns.lines(String.format(numbers, Text.rate(site.ratePerHour()), site.first(), site.last(),
                    Sparkline.of(site.counts(), MAX_SPARKLINE, ascii)), site.site(), site.frame(), site.libraryFrame())
                    .forEach(out::println);
        }
    }
}
