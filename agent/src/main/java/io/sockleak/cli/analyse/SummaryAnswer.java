package io.sockleak.cli.analyse;

import io.sockleak.report.model.Leak;
import io.sockleak.report.model.LeakReport;
import io.sockleak.report.model.ListenerEntry;
import io.sockleak.report.model.ProcessInfo;
import io.sockleak.report.model.SiteEntry;
import io.sockleak.report.model.UnacceptedConnection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What {@code summary} says about one report; the {@code --json} shape. */
public record SummaryAnswer(
        String file,
        String generatedAt,
        String trigger,
        ProcessInfo process,
        Counts counts,
        boolean hasLeaks,
        List<Site> sites,
        List<UntrackedLeak> untracked,
        List<Listener> listeners,
        List<Meaning> meanings) {

    static final int SHORT_STACK_DEPTH = 5;

    /** A leaking site; {@code kinds}: leaks of each kind listed in the report for this site. */
    public record Site(int rank, String site, int count, String frame, Map<String, Integer> kinds,
                       List<String> shortStack) {
    }

    public record UntrackedLeak(String local, String remote, String state) {
    }

    /** {@code acceptQueue}: -1 when the kernel row was not found; {@code waiting}: remotes nobody accepted. */
    public record Listener(String local, int acceptQueue, String openedAt, List<String> waiting) {
    }

    public record Meaning(String kind, int count, String meaning) {
    }

    static SummaryAnswer of(Path file, LeakReport report) {
        Counts counts = Counts.of(report);
        return new SummaryAnswer(
                file.toString(),
                report.generatedAt(),
                report.trigger(),
                report.process(),
                counts,
                counts.leaks() > 0 || !report.leaks().isEmpty(),
                sites(report),
                untracked(report),
                listeners(report),
                meanings(counts));
    }

    private static List<Site> sites(LeakReport report) {
        List<SiteEntry> ranked = report.sites().stream()
                .sorted(Comparator.comparingInt(SiteEntry::count).reversed()
                        .thenComparing(SiteEntry::site, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<Site> sites = new ArrayList<>();
        for (SiteEntry entry : ranked) {
            String frame = Frames.applicationFrame(entry.frame(), entry.stack());
            sites.add(new Site(sites.size() + 1, entry.site(), entry.count(), frame,
                    kindsAt(entry.site(), report.leaks()), Frames.shortStack(entry.stack(), SHORT_STACK_DEPTH)));
        }
        return sites;
    }

    private static Map<String, Integer> kindsAt(String site, List<Leak> leaks) {
        Map<String, Integer> kinds = new TreeMap<>();
        if (site == null) {
            return kinds;
        }
        for (Leak leak : leaks) {
            if (site.equals(leak.site())) {
                kinds.merge(LeakKinds.of(leak), 1, Integer::sum);
            }
        }
        return new LinkedHashMap<>(kinds);
    }

    private static List<UntrackedLeak> untracked(LeakReport report) {
        return report.leaks().stream()
                .filter(leak -> leak.site() == null || leak.site().isBlank())
                .map(leak -> new UntrackedLeak(leak.local(), leak.remote(), leak.state()))
                .toList();
    }

    private static List<Listener> listeners(LeakReport report) {
        return report.listeners().stream()
                .sorted(Comparator.comparingInt(ListenerEntry::acceptQueue).reversed()
                        .thenComparing(ListenerEntry::local, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(l -> new Listener(l.local(), l.acceptQueue(),
                        l.stack().isEmpty() ? null : Frames.applicationFrame(null, l.stack()),
                        l.unaccepted().stream().map(UnacceptedConnection::remote).filter(Objects::nonNull).toList()))
                .toList();
    }

    private static List<Meaning> meanings(Counts counts) {
        List<Meaning> meanings = new ArrayList<>();
        for (LeakMeaning meaning : LeakMeaning.values()) {
            int count = meaning.countIn(counts);
            if (count > 0) {
                meanings.add(new Meaning(meaning.label(), count, meaning.sentence()));
            }
        }
        return meanings;
    }
}
