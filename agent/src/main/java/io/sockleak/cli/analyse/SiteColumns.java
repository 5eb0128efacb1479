package io.sockleak.cli.analyse;

import java.util.Collection;
import java.util.List;

/**
 * The trailing "site id, then application frame" columns of a table. Long ids (the agent's are 16 hex digits)
 * show as their first 8 characters, like short git hashes; --json has them whole. Frames are printed whole:
 * the library frame ("via ...") and a frame that does not fit go onto a continuation line.
 */
final class SiteColumns {

    private static final int SHORT_ID = 8;
    static final String CONTINUATION = "            ";

    private final int idWidth;

    private SiteColumns(int idWidth) {
        this.idWidth = idWidth;
    }

    static SiteColumns of(Collection<String> siteIds) {
        int longest = siteIds.stream().mapToInt(id -> shortId(id).length()).max().orElse(4);
        return new SiteColumns(Math.max(4, longest));
    }

    String header(String numbers, String frameTitle) {
        return numbers + pad("site") + "  " + frameTitle;
    }

    /** The row of one site: {@code numbers}, its id, its frames, on as many lines as they need. */
    List<String> lines(String numbers, String siteId, String frame, String libraryFrame) {
        SiteLabel.Named site = new SiteLabel.Named(siteId, frame, libraryFrame);
        return Text.wrapTokens(numbers + pad(shortId(siteId)) + "  ", CONTINUATION,
                SiteLabel.withIdColumn().tokens(site), Text.WIDTH);
    }

    // Up to 9 characters stay whole, so the pseudo-site "untracked" is not cut.
    private static String shortId(String id) {
        String shown = Text.orDash(id);
        return shown.length() <= SHORT_ID + 1 ? shown : shown.substring(0, SHORT_ID);
    }

    private String pad(String text) {
        return String.format("%-" + idWidth + "s", text);
    }
}
