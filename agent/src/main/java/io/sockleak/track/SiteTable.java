package io.sockleak.track;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Interns allocation stacks: one {@link Site} per distinct trimmed stack, up to a cap. */
public final class SiteTable {

    private final ConcurrentHashMap<List<String>, Site> sites = new ConcurrentHashMap<>();
    private final StackTrimmer trimmer;
    private final int maxSites;

    public SiteTable(int stackDepth, int maxSites) {
        this.trimmer = new StackTrimmer(stackDepth);
        this.maxSites = maxSites;
    }

    public Site intern(Throwable captured) {
        List<StackTraceElement> trimmed = trimmer.trim(captured.getStackTrace());
        List<String> frames = new ArrayList<>(trimmed.size());
        for (StackTraceElement e : trimmed) {
            frames.add(e.toString());
        }
        List<String> key = List.copyOf(frames);
        Site known = sites.get(key);
        if (known != null) {
            return known;
        }
        Site site = new Site(idOf(key), StackTrimmer.firstApplicationFrame(trimmed), key);
        if (sites.size() >= maxSites) {
            return site;
        }
        Site raced = sites.putIfAbsent(key, site);
        return raced == null ? site : raced;
    }

    public int size() {
        return sites.size();
    }

    /** FNV-1a over the frames: the same code yields the same id in every run. */
    static String idOf(List<String> frames) {
        long hash = 0xcbf29ce484222325L;
        for (String frame : frames) {
            for (int i = 0; i < frame.length(); i++) {
                hash ^= frame.charAt(i);
                hash *= 0x100000001b3L;
            }
            hash ^= '\n';
            hash *= 0x100000001b3L;
        }
        return String.format("%016x", hash);
    }
}
