package io.sockleak.cli.analyse;

import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.SiteEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's leak count per site id, for comparing reports. Leaks without a site (UNTRACKED ones) are
 * counted under the pseudo-site {@value #UNTRACKED_SITE}.
 */
public final class SiteTally {

    public static final String UNTRACKED_SITE = "untracked";
    public static final String UNTRACKED_FRAME = "(no stack known)";

    /**
     * One site's leak count in one report; {@code frame}: its application frame, {@code libraryFrame}: the
     * library frame that called the JDK (both may be null).
     */
    public record SiteCount(String site, int count, String frame, String libraryFrame) {
    }

    private SiteTally() {
    }

    public static Map<String, SiteCount> of(LeakReport report) {
        Map<String, SiteCount> bySite = new LinkedHashMap<>();
        for (SiteEntry entry : report.sites()) {
            String id = isBlank(entry.site()) ? "unknown" : entry.site();
            Frames.Named frames = Frames.of(entry.frame(), entry.libraryFrame(), entry.stack());
            bySite.merge(id, new SiteCount(id, entry.count(), frames.frame(), frames.libraryFrame()),
                    (a, b) -> new SiteCount(id, a.count() + b.count(), a.frame() != null ? a.frame() : b.frame(),
                            a.libraryFrame() != null ? a.libraryFrame() : b.libraryFrame()));
        }
        int withoutSite = countWithoutSite(report.leaks());
        if (withoutSite > 0) {
            bySite.put(UNTRACKED_SITE, new SiteCount(UNTRACKED_SITE, withoutSite, null, null));
        }
        return bySite;
    }

    static int countWithoutSite(List<Leak> leaks) {
        return (int) leaks.stream().filter(leak -> isBlank(leak.site())).count();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
