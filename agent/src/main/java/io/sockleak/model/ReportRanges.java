package io.sockleak.model;

import java.util.List;

/**
 * The numbers of a report read back must make sense before anything adds them up: counts are not
 * negative and their sums fit an int (a hostile or corrupt report said "leaks 2147483644" next to "no
 * leaks" through an overflow, issue 14).
 */
public final class ReportRanges {

    private ReportRanges() {
    }

    /** What is out of range in {@code summary} and {@code sites}, or null when all is well. */
    public static String problem(Summary summary, List<SiteEntry> sites) {
        if (summary != null) {
            long[] counts = {summary.trackedOpen(), summary.closeWait(), summary.unaccepted(),
                    summary.collectedOpen(), summary.untracked(), summary.stalePooled(), summary.young(),
                    summary.untrackedOpen()};
            for (long count : counts) {
                if (count < 0) {
                    return "summary has a negative count (" + summary + ")";
                }
            }
            if ((long) summary.closeWait() + summary.collectedOpen() + summary.untracked() > Integer.MAX_VALUE) {
                return "summary counts add up to more leaks than " + Integer.MAX_VALUE;
            }
        }
        long total = 0;
        for (SiteEntry site : sites) {
            if (site.count() < 0) {
                return "site " + site.site() + " has a negative count " + site.count();
            }
            total += site.count();
        }
        return total > Integer.MAX_VALUE ? "sites count more leaks than " + Integer.MAX_VALUE : null;
    }
}
