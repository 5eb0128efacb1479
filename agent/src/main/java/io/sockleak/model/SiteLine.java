package io.sockleak.model;

/**
 * How a site is named in one line, everywhere a person reads it (the exit summary, summary, diff,
 * trend): the application's frame first, the library frame that called the JDK beside it, and the
 * site's id, so that two sites never print as the same line.
 */
public final class SiteLine {

    private SiteLine() {
    }

    public static String of(String frame, String libraryFrame, String site) {
        String lead = frame != null ? frame
                : libraryFrame != null ? "(no application frame) " + libraryFrame : "(no stack)";
        String via = frame != null && libraryFrame != null ? " via " + libraryFrame : "";
        return lead + via + (site == null ? "" : " [site " + site + "]");
    }
}
