package io.sockleak.cli.analyse;

import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.ProcessInfo;
import io.sockleak.model.SiteEntry;
import io.sockleak.model.StalePooled;
import io.sockleak.model.UnacceptedConnection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code summary} says about one report; the {@code --json} shape. {@code sites} and {@code untracked} are
 * the leaks; {@code stalePooled} and {@code young} are NOT leaks (and not in {@code counts.leaks}).
 */
public record SummaryAnswer(
        String file,
        String generatedAt,
        String trigger,
        ProcessInfo process,
        Counts counts,
        boolean hasLeaks,
        List<Site> sites,
        List<UntrackedLeak> untracked,
        List<StalePool> stalePooled,
        int young,
        List<Listener> listeners,
        List<Meaning> meanings) {

    static final int DEFAULT_FRAMES = 5;

    /**
     * A leaking site. {@code frame}: the application's frame (null when the stack has none), {@code libraryFrame}:
     * the library frame that called the JDK; {@code kinds}: leaks of each kind listed for this site;
     * {@code evidence}: why they are leaks, in words; {@code borrowStack}: for pooled connections borrowed and not
     * returned, the first frames of the borrow; {@code shortStack}: the first frames of where it was opened.
     */
    public record Site(int rank, String site, int count, String frame, String libraryFrame,
                       Map<String, Integer> kinds, List<Evidence> evidence, List<String> borrowStack,
                       List<String> shortStack) {
    }

    /** {@code count} leaks of a site with the evidence code {@code evidence}, explained by {@code words}. */
    public record Evidence(String evidence, int count, String words) {
    }

    public record UntrackedLeak(String local, String remote, String state, String evidence) {
    }

    /**
     * Stale pooled connections of one pool: idle in it and closed by the peer, NOT leaks. {@code advice}: the
     * pool's setting that keeps it from happening.
     */
    public record StalePool(String pool, int count, Long idleSecondsMin, Long idleSecondsMax,
                            Long closeWaitSecondsMax, String advice, List<StaleSite> sites) {
    }

    public record StaleSite(String site, int count, String frame, String libraryFrame) {
    }

    /**
     * {@code acceptQueue}: -1 when the kernel row was not found; {@code openedAt}: the frame it was opened at
     * (as {@code frame}, kept for older scripts); {@code waiting}: remotes nobody accepted.
     */
    public record Listener(String local, int acceptQueue, String openedAt, String frame, String libraryFrame,
                           List<String> waiting) {
    }

    public record Meaning(String kind, int count, String meaning) {
    }

    static SummaryAnswer of(Path file, LeakReport report) {
        return of(file, report, DEFAULT_FRAMES);
    }

    /** {@code frames}: how many frames of each stack to keep. */
    public static SummaryAnswer of(Path file, LeakReport report, int frames) {
        Counts counts = Counts.of(report);
        return new SummaryAnswer(
                file.toString(),
                report.generatedAt(),
                report.trigger(),
                report.process(),
                counts,
                counts.leaks() > 0 || !report.leaks().isEmpty(),
                sites(report, frames),
                untracked(report),
                stalePools(report),
                counts.young(),
                listeners(report),
                meanings(report, counts));
    }

    private static List<Site> sites(LeakReport report, int depth) {
        List<SiteEntry> ranked = report.sites().stream()
                .sorted(Comparator.comparingInt(SiteEntry::count).reversed()
                        .thenComparing(SiteEntry::site, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        // Grouped once: filtering all leaks for each site took seconds with thousands of sites.
        Map<String, List<Leak>> leaksBySite = new java.util.HashMap<>();
        for (Leak leak : report.leaks()) {
            if (leak.site() != null) {
                leaksBySite.computeIfAbsent(leak.site(), s -> new ArrayList<>()).add(leak);
            }
        }
        List<Site> sites = new ArrayList<>();
        for (SiteEntry entry : ranked) {
            Frames.Named frames = Frames.of(entry.frame(), entry.libraryFrame(), entry.stack());
            List<Leak> leaks = entry.site() == null ? List.of() : leaksBySite.getOrDefault(entry.site(), List.of());
            List<String> borrowStack = leaks.stream().map(Leak::borrowStack).filter(s -> !s.isEmpty())
                    .findFirst().map(s -> Frames.shortStack(s, depth)).orElse(List.of());
            sites.add(new Site(sites.size() + 1, entry.site(), entry.count(), frames.frame(), frames.libraryFrame(),
                    kinds(leaks), evidence(leaks), borrowStack, Frames.shortStack(entry.stack(), depth)));
        }
        return sites;
    }

    private static Map<String, Integer> kinds(List<Leak> leaks) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Leak leak : leaks) {
            kinds.merge(LeakKinds.of(leak), 1, Integer::sum);
        }
        return new LinkedHashMap<>(kinds);
    }

    /** The site's leaks grouped by evidence (and, for borrowed ones, by pool and borrow frame), most first. */
    private static List<Evidence> evidence(List<Leak> leaks) {
        Map<List<String>, List<Leak>> groups = new LinkedHashMap<>();
        for (Leak leak : leaks) {
            String code = LeakKinds.evidenceOf(leak);
            List<String> key = LeakKinds.BORROWED_NOT_RETURNED.equals(code)
                    ? java.util.Arrays.asList(code, leak.pool(), leak.borrowFrame()) : List.of(code);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(leak);
        }
        List<Evidence> evidence = new ArrayList<>();
        groups.forEach((key, group) -> evidence.add(new Evidence(key.get(0), group.size(),
                LeakKinds.words(key.get(0), group))));
        evidence.sort(Comparator.comparingInt(Evidence::count).reversed());
        return evidence;
    }

    private static List<UntrackedLeak> untracked(LeakReport report) {
        return report.leaks().stream()
                .filter(leak -> leak.site() == null || leak.site().isBlank())
                .map(leak -> new UntrackedLeak(leak.local(), leak.remote(), leak.state(),
                        leak.evidence() == null ? null : LeakKinds.evidenceOf(leak)))
                .toList();
    }

    private static List<StalePool> stalePools(LeakReport report) {
        Map<String, List<StalePooled>> byPool = new TreeMap<>();
        for (StalePooled stale : report.stalePooled()) {
            byPool.computeIfAbsent(Objects.toString(stale.pool(), "(unknown pool)"), p -> new ArrayList<>()).add(stale);
        }
        List<StalePool> pools = new ArrayList<>();
        byPool.forEach((pool, stale) -> {
            Map<String, StaleSite> sites = new LinkedHashMap<>();
            for (StalePooled s : stale) {
                Frames.Named frames = Frames.of(s.frame(), s.libraryFrame(), s.stack());
                String id = Objects.toString(s.site(), "unknown");
                sites.merge(id, new StaleSite(s.site(), 1, frames.frame(), frames.libraryFrame()),
                        (a, b) -> new StaleSite(a.site(), a.count() + 1, a.frame(), a.libraryFrame()));
            }
            List<StaleSite> ranked = sites.values().stream()
                    .sorted(Comparator.comparingInt(StaleSite::count).reversed()).toList();
            String advice = stale.stream().map(StalePooled::advice).filter(Objects::nonNull).findFirst().orElse(null);
            pools.add(new StalePool(pool, stale.size(), min(stale, StalePooled::idleSeconds),
                    max(stale, StalePooled::idleSeconds), max(stale, StalePooled::closeWaitSeconds), advice, ranked));
        });
        pools.sort(Comparator.comparingInt(StalePool::count).reversed());
        return pools;
    }

    private static Long min(List<StalePooled> stale, java.util.function.Function<StalePooled, Long> field) {
        return stale.stream().map(field).filter(Objects::nonNull).min(Long::compare).orElse(null);
    }

    private static Long max(List<StalePooled> stale, java.util.function.Function<StalePooled, Long> field) {
        return stale.stream().map(field).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }

    private static List<Listener> listeners(LeakReport report) {
        return report.listeners().stream()
                .sorted(Comparator.comparingInt(ListenerEntry::acceptQueue).reversed()
                        .thenComparing(ListenerEntry::local, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(l -> {
                    Frames.Named frames = Frames.of(l.frame(), l.libraryFrame(), l.stack());
                    String openedAt = frames.frame() != null ? frames.frame()
                            : frames.libraryFrame() != null ? Frames.NO_APPLICATION_FRAME : null;
                    return new Listener(l.local(), l.acceptQueue(), openedAt, frames.frame(), frames.libraryFrame(),
                            l.unaccepted().stream().map(UnacceptedConnection::remote).filter(Objects::nonNull)
                                    .toList());
                })
                .toList();
    }

    private static List<Meaning> meanings(LeakReport report, Counts counts) {
        Map<String, Integer> byEvidence = new LinkedHashMap<>();
        report.leaks().forEach(leak -> byEvidence.merge(LeakKinds.evidenceOf(leak), 1, Integer::sum));
        List<Meaning> meanings = new ArrayList<>();
        for (LeakMeaning meaning : LeakMeaning.values()) {
            int count = meaning.isEvidence() ? byEvidence.getOrDefault(meaning.label(), 0) : meaning.countIn(counts);
            if (count > 0) {
                meanings.add(new Meaning(meaning.label(), count, meaning.sentence()));
            }
        }
        return meanings;
    }
}
