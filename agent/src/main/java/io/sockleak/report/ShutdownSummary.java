package io.sockleak.report;

import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.SiteEntry;
import io.sockleak.model.SiteLine;
import io.sockleak.model.Summary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The few lines printed on stderr at exit: counts, each leaking site with its frame, the file. */
public final class ShutdownSummary {

    private static final int MAX_SITES = 10;

    private ShutdownSummary() {
    }

    public static List<String> lines(LeakReport report, Path file) {
        List<String> lines = new ArrayList<>();
        Summary s = report.summary();
        if (s.leaks() == 0 && s.unaccepted() == 0) {
            lines.add("no socket leaks found (" + s.trackedOpen() + " tracked connections open at exit)"
                    + notLeaks(s) + kernelNote(report));
        } else {
            lines.add(s.leaks() + " socket leak" + (s.leaks() == 1 ? "" : "s") + " found: "
                    + s.closeWait() + " CLOSE_WAIT, " + s.collectedOpen() + " collected while open, "
                    + s.untracked() + " untracked; " + s.unaccepted() + " connection"
                    + (s.unaccepted() == 1 ? "" : "s") + " never accepted" + notLeaks(s) + kernelNote(report));
            int shown = 0;
            for (SiteEntry site : report.sites()) {
                if (shown++ == MAX_SITES) {
                    lines.add("  ... " + (report.sites().size() - MAX_SITES) + " more sites in the report");
                    break;
                }
                lines.add(String.format("  %4d at %s", site.count(), SiteLine.of(site.frame(), site.libraryFrame(),
                        site.site())));
            }
            if (s.untracked() > 0) {
                lines.add(String.format("  %4d untracked (opened before the agent, or by native code)", s.untracked()));
            }
            for (ListenerEntry listener : report.listeners()) {
                if (!listener.unaccepted().isEmpty()) {
                    lines.add(String.format("  %4d never accepted on %s%s", listener.unaccepted().size(),
                            listener.local(), listener.site() == null ? "" : " (listener opened at "
                                    + SiteLine.of(listener.frame(), listener.libraryFrame(), listener.site()) + ")"));
                }
            }
        }
        lines.add(file == null ? "report could not be written" : "report: " + file);
        return lines;
    }

    /** The CLOSE_WAIT sockets that are not leaks, so that nobody wonders where they went. */
    private static String notLeaks(Summary s) {
        List<String> parts = new ArrayList<>();
        if (s.stalePooled() > 0) {
            parts.add(s.stalePooled() + " idle pooled connection" + (s.stalePooled() == 1 ? "" : "s")
                    + " the peer closed (stalePooled)");
        }
        if (s.young() > 0) {
            parts.add(s.young() + " in CLOSE_WAIT too briefly to judge (young)");
        }
        return parts.isEmpty() ? "" : "; not leaks: " + String.join(", ", parts);
    }

    private static String kernelNote(LeakReport report) {
        return report.kernel().available() ? "" : " [kernel view unavailable: " + report.kernel().reason() + "]";
    }
}
