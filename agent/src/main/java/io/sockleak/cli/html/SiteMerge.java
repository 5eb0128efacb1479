package io.sockleak.cli.html;

import io.sockleak.cli.analyse.SummaryAnswer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leaking sites of every run's latest report, merged by site id (a hash of the stack: the same code
 * gives the same id in every process), most leaks first, cut to {@link #SHOWN}.
 */
record SiteMerge(List<Page.LeakingSite> shown, int sitesLeftOut, int leaksLeftOut) {

    static final int SHOWN = 100;
    /** Runs listed under one site; the others are counted. */
    static final int SHARES_SHOWN = 10;

    private static final class Merged {
        final SummaryAnswer.Site first;
        final Map<String, Integer> kinds = new TreeMap<>();
        final List<Page.Share> shares = new ArrayList<>();
        int count;

        Merged(SummaryAnswer.Site first) {
            this.first = first;
        }
    }

    static SiteMerge of(List<ProcessRun> runs) {
        Map<String, Merged> bySite = new LinkedHashMap<>();
        for (ProcessRun run : runs) {
            for (SummaryAnswer.Site site : run.latest().sites()) {
                // A site without an id (a hand-made report) is merged only with sites of the same frames.
                String key = site.site() != null ? site.site() : "\0" + site.frame() + "\0" + site.libraryFrame();
                Merged merged = bySite.computeIfAbsent(key, k -> new Merged(site));
                merged.count += site.count();
                site.kinds().forEach((kind, n) -> merged.kinds.merge(kind, n, Integer::sum));
                merged.shares.add(new Page.Share(run, site.count(), site.evidence()));
            }
        }
        List<Page.LeakingSite> sites = new ArrayList<>();
        for (Merged m : bySite.values()) {
            m.shares.sort(Comparator.comparingInt(Page.Share::count).reversed());
            SummaryAnswer.Site s = m.first;
            sites.add(new Page.LeakingSite(s.site(), s.frame(), s.libraryFrame(), m.count,
                    new LinkedHashMap<>(m.kinds), s.shortStack(), s.borrowStack(),
                    RunAccumulator.first(m.shares, SHARES_SHOWN), Math.max(0, m.shares.size() - SHARES_SHOWN)));
        }
        sites.sort(Comparator.comparingInt(Page.LeakingSite::count).reversed());
        List<Page.LeakingSite> shown = RunAccumulator.first(sites, SHOWN);
        int leaksLeftOut = sites.subList(shown.size(), sites.size()).stream()
                .mapToInt(Page.LeakingSite::count).sum();
        return new SiteMerge(shown, sites.size() - shown.size(), leaksLeftOut);
    }
}
