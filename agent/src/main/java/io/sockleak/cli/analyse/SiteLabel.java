package io.sockleak.cli.analyse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a site is named on a page: its application frame first (or "(no application frame)"), the library
 * frame beside it ("via ..."), and its id when another site listed on the same page would otherwise read
 * the same. Each piece is a token that {@link Text#wrapTokens} never cuts.
 */
public final class SiteLabel {

    /** One site to name: its id and its frames. */
    public record Named(String site, String frame, String libraryFrame) {

        /** The application's frame, or what stands in its place. */
        public String leadFrame() {
            return frame != null ? frame : libraryFrame != null ? Frames.NO_APPLICATION_FRAME
                    : SiteTally.UNTRACKED_SITE.equals(site) ? SiteTally.UNTRACKED_FRAME : "(no frame recorded)";
        }

        String lead() {
            return libraryFrame == null ? leadFrame() : leadFrame() + " via " + libraryFrame;
        }
    }

    private final Map<String, Integer> leads = new HashMap<>();

    private SiteLabel(List<Named> sites) {
        for (Named site : sites) {
            leads.merge(site.lead(), 1, Integer::sum);
        }
    }

    /** For a table whose own column shows each site's id: the id is not repeated beside the frame. */
    static SiteLabel withIdColumn() {
        return new SiteLabel(List.of());
    }

    /** A naming for the sites of one page, so that two of them never print as the same line. */
    static SiteLabel forPage(List<Named> sites) {
        return new SiteLabel(sites);
    }

    /** The tokens that name {@code site}: the lead frame, "via" and the library frame, and "[site id]" if needed. */
    List<String> tokens(Named site) {
        List<String> tokens = new ArrayList<>();
        tokens.add(site.leadFrame());
        if (site.libraryFrame() != null) {
            tokens.add("via " + site.libraryFrame());
        }
        if (leads.getOrDefault(site.lead(), 0) > 1) {
            tokens.add("[site " + Text.orDash(site.site()) + "]");
        }
        return tokens;
    }
}
