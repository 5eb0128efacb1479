package io.sockleak.report;

import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.Summary;

import java.util.ArrayList;
import java.util.List;

/**
 * A report cut to the agent's memory budget: fewer entries listed than found. The cut is said in the
 * report's notes, in one sentence that starts with {@value #NOTE_START} and gives what was listed of
 * what was found; the summary and the sites always count everything.
 */
final class ReportCut {

    static final String NOTE_START = "Report cut to the agent's memory budget:";

    private ReportCut() {
    }

    /** The note for a report that lists fewer entries than the summary counts, or null when nothing was left out. */
    static String note(int leaksListed, int staleListed, int unacceptedListed, Summary summary) {
        List<String> parts = new ArrayList<>();
        part(parts, leaksListed, summary.leaks(), "leaks");
        part(parts, staleListed, summary.stalePooled(), "stale pooled connections");
        part(parts, unacceptedListed, summary.unaccepted(), "unaccepted connections");
        if (parts.isEmpty()) {
            return null;
        }
        return NOTE_START + " " + String.join(", ", parts) + " listed; the summary and sites[] count all of"
                + " them (give the JVM more heap, -Xmx, for a full list).";
    }

    private static void part(List<String> parts, int listed, int found, String what) {
        if (listed < found) {
            parts.add(listed + " of " + found + " " + what);
        }
    }

    static boolean wasCut(LeakReport report) {
        return report.notes().stream().anyMatch(n -> n.startsWith(NOTE_START));
    }

    /** The same report with its counts, sites and listeners but no entries: after an OutOfMemoryError. */
    static LeakReport countsOnly(LeakReport report) {
        List<ListenerEntry> listeners = report.listeners().stream()
                .map(l -> new ListenerEntry(l.local(), l.acceptQueue(), l.fd(), l.inode(), l.api(), l.openedAt(),
                        l.thread(), l.stack(), l.site(), List.of(), l.frame(), l.libraryFrame()))
                .toList();
        List<String> notes = new ArrayList<>();
        String cut = note(0, 0, 0, report.summary());
        if (cut != null) {
            notes.add(cut);
        }
        report.notes().stream().filter(n -> !n.startsWith(NOTE_START)).forEach(notes::add);
        return new LeakReport(report.schemaVersion(), report.generatedAt(), report.trigger(), report.process(),
                report.agent(), report.kernel(), report.summary(), listeners, List.of(), List.of(), report.sites(),
                report.openBySite(), report.bindFailures(), notes);
    }
}
