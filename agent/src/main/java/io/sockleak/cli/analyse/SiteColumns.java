package io.sockleak.cli.analyse;

import java.util.Collection;

/**
 * The trailing "site id, then frame" columns of a table, fitted into what the 80 columns leave. Long ids
 * (the agent's are 16 hex digits) show as their first 8 characters, like short git hashes; --json has them whole.
 */
final class SiteColumns {

    private static final int SHORT_ID = 8;

    private final int idWidth;
    private final int frameWidth;

    private SiteColumns(int idWidth, int frameWidth) {
        this.idWidth = idWidth;
        this.frameWidth = frameWidth;
    }

    static SiteColumns after(int usedWidth, Collection<String> siteIds) {
        int longest = siteIds.stream().mapToInt(id -> shortId(id).length()).max().orElse(4);
        int idWidth = Math.max(4, longest);
        return new SiteColumns(idWidth, Math.max(10, Text.WIDTH - usedWidth - idWidth - 2));
    }

    String header(String frameTitle) {
        return pad("site") + "  " + frameTitle;
    }

    String cells(String siteId, String frame) {
        String fitted = frame == null ? "(no frame recorded)" : Frames.fit(frame, frameWidth);
        return pad(shortId(siteId)) + "  " + fitted;
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
