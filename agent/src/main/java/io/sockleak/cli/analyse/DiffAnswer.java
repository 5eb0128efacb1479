package io.sockleak.cli.analyse;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ProcessInfo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What {@code diff} says about two reports; the {@code --json} shape. */
public record DiffAnswer(
        Side old,
        @JsonProperty("new") Side newer,
        boolean sameProcess,
        List<String> notes,
        CountChanges counts,
        List<SiteChange> sites) {

    static final String CHANGED = "changed";
    static final String APPEARED = "appeared";
    static final String VANISHED = "vanished";
    static final String UNCHANGED = "unchanged";
    private static final List<String> STATUS_ORDER = List.of(CHANGED, APPEARED, VANISHED, UNCHANGED);

    public record Side(String file, String generatedAt, Long pid, String agentStartedAt) {

        static Side of(Path file, LeakReport report) {
            ProcessInfo process = report.process();
            return new Side(file.toString(), report.generatedAt(), process == null ? null : process.pid(),
                    process == null ? null : process.agentStartedAt());
        }
    }

    public record Change(int old, @JsonProperty("new") int newer, int change) {

        static Change of(int old, int newer) {
            return new Change(old, newer, newer - old);
        }
    }

    /** {@code leaks} counts leaks only; {@code stalePooled} and {@code young} are not leaks. */
    public record CountChanges(Change leaks, Change closeWait, Change unaccepted, Change collectedOpen,
                               Change untracked, Change trackedOpen, Change stalePooled, Change young) {

        static CountChanges of(Counts old, Counts newer) {
            return new CountChanges(
                    Change.of(old.leaks(), newer.leaks()),
                    Change.of(old.closeWait(), newer.closeWait()),
                    Change.of(old.unaccepted(), newer.unaccepted()),
                    Change.of(old.collectedOpen(), newer.collectedOpen()),
                    Change.of(old.untracked(), newer.untracked()),
                    Change.of(old.trackedOpen(), newer.trackedOpen()),
                    Change.of(old.stalePooled(), newer.stalePooled()),
                    Change.of(old.young(), newer.young()));
        }
    }

    /**
     * {@code status}: changed, appeared (not in OLD), vanished (not in NEW) or unchanged; {@code frame}: the
     * application's frame, {@code libraryFrame}: the library frame that called the JDK.
     */
    public record SiteChange(String site, String frame, String libraryFrame, String status, int old,
                             @JsonProperty("new") int newer, int change) {
    }

    static DiffAnswer of(Path oldFile, LeakReport oldReport, Path newFile, LeakReport newReport) {
        Side old = Side.of(oldFile, oldReport);
        Side newer = Side.of(newFile, newReport);
        boolean sameProcess = Objects.equals(old.pid(), newer.pid())
                && Objects.equals(old.agentStartedAt(), newer.agentStartedAt());
        return new DiffAnswer(old, newer, sameProcess, notes(old, newer, sameProcess),
                CountChanges.of(Counts.of(oldReport), Counts.of(newReport)),
                siteChanges(SiteTally.of(oldReport), SiteTally.of(newReport)));
    }

    private static List<String> notes(Side old, Side newer, boolean sameProcess) {
        List<String> notes = new ArrayList<>();
        if (!sameProcess) {
            notes.add("OLD and NEW come from different process runs; sites still match, as site ids hash the code.");
        }
        Optional<Instant> oldTime = Instants.parse(old.generatedAt());
        Optional<Instant> newTime = Instants.parse(newer.generatedAt());
        if (oldTime.isPresent() && newTime.isPresent() && newTime.get().isBefore(oldTime.get())) {
            notes.add("NEW was generated before OLD, so the changes run backwards in time.");
        }
        return notes;
    }

    private static List<SiteChange> siteChanges(Map<String, SiteTally.SiteCount> old,
                                                Map<String, SiteTally.SiteCount> newer) {
        Set<String> ids = new LinkedHashSet<>(old.keySet());
        ids.addAll(newer.keySet());
        List<SiteChange> changes = new ArrayList<>();
        for (String id : ids) {
            SiteTally.SiteCount before = old.get(id);
            SiteTally.SiteCount after = newer.get(id);
            int oldCount = before == null ? 0 : before.count();
            int newCount = after == null ? 0 : after.count();
            // The newer report's frames win: the agent may have learned more by then.
            SiteTally.SiteCount named = after != null && (after.frame() != null || after.libraryFrame() != null)
                    ? after : before != null ? before : after;
            changes.add(new SiteChange(id, named.frame(), named.libraryFrame(),
                    status(before, after, oldCount, newCount), oldCount, newCount, newCount - oldCount));
        }
        changes.sort(Comparator.comparingInt((SiteChange c) -> STATUS_ORDER.indexOf(c.status()))
                .thenComparing(Comparator.comparingInt(SiteChange::change).reversed())
                .thenComparing(Comparator.comparingInt(SiteChange::newer).reversed())
                .thenComparing(Comparator.comparingInt(SiteChange::old).reversed())
                .thenComparing(SiteChange::site));
        return changes;
    }

    private static String status(SiteTally.SiteCount before, SiteTally.SiteCount after, int oldCount, int newCount) {
        if (before == null || oldCount == 0 && newCount > 0) {
            return APPEARED;
        }
        if (after == null || newCount == 0 && oldCount > 0) {
            return VANISHED;
        }
        return oldCount == newCount ? UNCHANGED : CHANGED;
    }
}
