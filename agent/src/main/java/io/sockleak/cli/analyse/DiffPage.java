package io.sockleak.cli.analyse;

import java.io.PrintStream;
import java.util.List;

/** Renders a {@link DiffAnswer} as a page. */
final class DiffPage {

    private static final String NUMBERS = "%8s%8s%8s  ";

    private final DiffAnswer answer;
    private final PrintStream out;

    DiffPage(DiffAnswer answer, PrintStream out) {
        this.answer = answer;
        this.out = out;
    }

    void print() {
        out.println("sockleak diff");
        printSide("old", answer.old());
        printSide("new", answer.newer());
        for (String note : answer.notes()) {
            Text.wrap("  note: ", "        ", note, Text.WIDTH).forEach(out::println);
        }
        printCounts();
        printSites();
    }

    private void printSide(String label, DiffAnswer.Side side) {
        out.println("  " + label + "  " + Text.fitLeft(side.file(), Text.WIDTH - 7));
        out.println("       generated " + Text.orDash(side.generatedAt()) + ", pid " + Text.orDash(side.pid()));
    }

    private void printCounts() {
        DiffAnswer.CountChanges counts = answer.counts();
        out.println();
        out.printf("%-16s%8s%8s%8s%n", "counts", "old", "new", "change");
        countLine("leaks", counts.leaks());
        countLine("closeWait", counts.closeWait());
        countLine("unaccepted", counts.unaccepted());
        countLine("collectedOpen", counts.collectedOpen());
        countLine("untracked", counts.untracked());
        countLine("trackedOpen", counts.trackedOpen());
        out.println("  NOT leaks (not counted above)");
        countLine("  stalePooled", counts.stalePooled());
        countLine("  young", counts.young());
    }

    private void countLine(String label, DiffAnswer.Change change) {
        out.printf("  %-14s%8d%8d%8s%n", label, change.old(), change.newer(), Text.signed(change.change()));
    }

    private void printSites() {
        List<DiffAnswer.SiteChange> sites = answer.sites();
        SiteColumns columns = SiteColumns.of(sites.stream().map(DiffAnswer.SiteChange::site).toList());
        boolean anyDifference = false;
        for (String status : List.of(DiffAnswer.CHANGED, DiffAnswer.APPEARED, DiffAnswer.VANISHED)) {
            List<DiffAnswer.SiteChange> group = sites.stream().filter(s -> s.status().equals(status)).toList();
            if (group.isEmpty()) {
                continue;
            }
            anyDifference = true;
            out.println();
            out.println("sites " + status + " (" + group.size() + ")");
            out.println(columns.header(String.format(NUMBERS, "old", "new", "change"), "application frame"));
            for (DiffAnswer.SiteChange site : group) {
                columns.lines(String.format(NUMBERS, site.old(), site.newer(), Text.signed(site.change())),
                        site.site(), site.frame(), site.libraryFrame()).forEach(out::println);
            }
        }
        int unchanged = (int) sites.stream().filter(s -> s.status().equals(DiffAnswer.UNCHANGED)).count();
        if (!anyDifference) {
            out.println();
            out.println("sites: no change" + (unchanged == 0 ? " (no leaking sites in either report)"
                    : " (" + Text.plural(unchanged, "site", "sites") + " with the same counts)"));
        } else if (unchanged > 0) {
            out.println();
            out.println("unchanged: " + Text.plural(unchanged, "site", "sites"));
        }
    }
}
