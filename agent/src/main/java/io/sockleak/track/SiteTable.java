package io.sockleak.track;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Interns allocation stacks: one {@link Site} per distinct trimmed stack, up to a cap. */
public final class SiteTable {

    private final ConcurrentHashMap<List<String>, Site> sites = new ConcurrentHashMap<>();
    private final StackTrimmer trimmer;
    private final int maxSites;

    private final FrameRule frameRule;

    public SiteTable(int stackDepth, int maxSites) {
        this(stackDepth, maxSites, new FrameRule(List.of()));
    }

    public SiteTable(int stackDepth, int maxSites, FrameRule frameRule) {
        this.trimmer = new StackTrimmer(stackDepth);
        this.maxSites = maxSites;
        this.frameRule = frameRule;
    }

    /**
     * A stack kept lazily (the captured Throwable until someone needs its frames, then its Site; or a
     * key's {@link SiteSample}) as a Site: interned on first use; null when stacks are off. The caller keeps the result in its field.
     */
    public Site siteOf(Object stackOrSite) {
        if (stackOrSite instanceof Throwable captured) {
            return intern(captured);
        }
        return stackOrSite instanceof SiteSample sample ? sample.site() : (Site) stackOrSite;
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
        FrameRule.Frames found = frameRule.frames(trimmed);
        Site site = new Site(idOf(trimmed), found.frame(), found.libraryFrame(), key);
        if (sites.size() >= maxSites) {
            return site;
        }
        Site raced = sites.putIfAbsent(key, site);
        return raced == null ? site : raced;
    }

    public FrameRule frameRule() {
        return frameRule;
    }

    public int size() {
        return sites.size();
    }

    /** How many frames outside the JDK and agents make a site's id. */
    private static final int ID_FRAMES = 32;

    /**
     * FNV-1a over the first {@value #ID_FRAMES} frames outside the JDK and agents: the same code yields
     * the same id in every run, and JDK 17 and 25 (whose socket internals differ) or another agent's
     * frames do not change it.
     */
    static String idOf(List<StackTraceElement> stack) {
        List<String> frames = new ArrayList<>(ID_FRAMES);
        for (StackTraceElement e : stack) {
            if (!FrameRule.isPlatform(e.getClassName())) {
                frames.add(e.toString());
                if (frames.size() == ID_FRAMES) {
                    break;
                }
            }
        }
        if (frames.isEmpty()) {
            // Only the JDK's frames (an asynchronous accept completed on a JDK thread): they are all there is.
            stack.stream().limit(ID_FRAMES).forEach(e -> frames.add(e.toString()));
        }
        return hash(frames);
    }

    static String hash(List<String> frames) {
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
