package io.sockleak.report;

import io.sockleak.report.model.LeakReport;
import io.sockleak.report.model.ListenerEntry;
import io.sockleak.report.model.SiteEntry;
import io.sockleak.report.model.Summary;

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
                    + kernelNote(report));
        } else {
            lines.add(s.leaks() + " socket leak" + (s.leaks() == 1 ? "" : "s") + " found: "
                    + s.closeWait() + " CLOSE_WAIT, " + s.collectedOpen() + " collected while open, "
                    + s.untracked() + " untracked; " + s.unaccepted() + " connection"
                    + (s.unaccepted() == 1 ? "" : "s") + " never accepted" + kernelNote(report));
            int shown = 0;
            for (SiteEntry site : report.sites()) {
                if (shown++ == MAX_SITES) {
                    lines.add("  ... " + (report.sites().size() - MAX_SITES) + " more sites in the report");
                    break;
                }
                lines.add(String.format("  %4d at %s", site.count(), site.frame()));
            }
            if (s.untracked() > 0) {
                lines.add(String.format("  %4d untracked (opened before the agent, or by native code)", s.untracked()));
            }
            for (ListenerEntry listener : report.listeners()) {
                if (!listener.unaccepted().isEmpty()) {
                    lines.add(String.format("  %4d never accepted on %s%s", listener.unaccepted().size(),
                            listener.local(), listener.stack().isEmpty() ? "" : " (listener opened at "
                                    + firstApplicationFrame(listener) + ")"));
                }
            }
        }
        lines.add(file == null ? "report could not be written" : "report: " + file);
        return lines;
    }

    private static String firstApplicationFrame(ListenerEntry listener) {
        return listener.stack().stream().filter(f -> !f.startsWith("java.base/")).findFirst()
                .orElse(listener.stack().get(0));
    }

    private static String kernelNote(LeakReport report) {
        return report.kernel().available() ? "" : " [kernel view unavailable: " + report.kernel().reason() + "]";
    }
}
