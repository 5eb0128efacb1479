package io.sockleak.cli.html;

/**
 * The one way a report's text reaches the page. A report is written by the watched process, so every
 * string in it (thread names, frames, addresses, pool names, notes) may hold markup meant to run in the
 * browser of whoever opens the page. Everything the page shows passes here, in element content and in
 * double-quoted attribute values alike: the five markup characters become entities, and characters that
 * could hide what the text says become {@code ?}, as the CLI's terminal output does: C0 controls other
 * than tab and newline, DEL, the C1 controls, unpaired surrogates and the bidirectional overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), which can make a frame read as another.
 */
final class HtmlEscaper {

    private HtmlEscaper() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else {
                        out.append(hides(c) ? '?' : c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean hides(char c) {
        return (c < 0x20 && c != '\t' && c != '\n')
                || (c >= 0x7F && c <= 0x9F)
                || Character.isSurrogate(c)
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
