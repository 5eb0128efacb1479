package io.sockleak.cli.analyse;

import java.util.Collection;

/** The trailing "site id, then frame" columns of a table, fitted into what the 80 columns leave. */
final class SiteColumns {

    private static final int MAX_ID_WIDTH = 16;

    private final int idWidth;
    private final int frameWidth;

    private SiteColumns(int idWidth, int frameWidth) {
        this.idWidth = idWidth;
        this.frameWidth = frameWidth;
    }

    static SiteColumns after(int usedWidth, Collection<String> siteIds) {
        int longest = siteIds.stream().mapToInt(id -> id == null ? 1 : id.length()).max().orElse(4);
        int idWidth = Math.min(MAX_ID_WIDTH, Math.max(4, longest));
        return new SiteColumns(idWidth, Math.max(10, Text.WIDTH - usedWidth - idWidth - 2));
    }

    String header(String frameTitle) {
        return pad("site") + "  " + frameTitle;
    }

    String cells(String siteId, String frame) {
        String fitted = frame == null ? "(no frame recorded)" : Frames.fit(frame, frameWidth);
        return pad(Text.fitRight(Text.orDash(siteId), idWidth)) + "  " + fitted;
    }

    private String pad(String text) {
        return String.format("%-" + idWidth + "s", text);
    }
}
