package io.sockleak.cli.html;

/**
 * Builds the page's text. Tags and attributes come from this package's code only ({@link #open},
 * {@link #close}, {@link #raw}); anything from a report goes through {@link #text}, which escapes it
 * ({@link HtmlEscaper}) and cuts a very long string, so that a hostile or broken report neither injects
 * markup nor bloats the page.
 */
final class Markup {

    /** Longer report strings are cut: a frame is under 300 characters; megabytes of one are an attack. */
    static final int MAX_TEXT = 2000;

    private final StringBuilder html = new StringBuilder(64 * 1024);

    /** {@code tag} with constant attributes, e.g. {@code section class="sites"}. */
    Markup open(String tag) {
        html.append('<').append(tag).append('>');
        return this;
    }

    Markup close(String tag) {
        html.append("</").append(tag).append('>');
        return this;
    }

    /** Markup written by this package (never a report's string). */
    Markup raw(String markup) {
        html.append(markup);
        return this;
    }

    /** A report's (or any) text, escaped. */
    Markup text(String text) {
        if (text != null && text.length() > MAX_TEXT) {
            html.append(HtmlEscaper.escape(text.substring(0, MAX_TEXT)))
                    .append(" … (").append(text.length() - MAX_TEXT).append(" more characters)");
        } else {
            html.append(HtmlEscaper.escape(text));
        }
        return this;
    }

    Markup text(long number) {
        html.append(number);
        return this;
    }

    /** {@code <tag attributes>text</tag>}: the element's name is the word before the first space of {@code tag}. */
    Markup element(String tag, String text) {
        open(tag).text(text);
        int space = tag.indexOf(' ');
        return close(space < 0 ? tag : tag.substring(0, space));
    }

    Markup element(String tag, long number) {
        return element(tag, Long.toString(number));
    }

    @Override
    public String toString() {
        return html.toString();
    }
}
