package io.sockleak.cli.html;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlEscaperTest {

    @Test
    void theFiveMarkupCharactersBecomeEntities() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img onerror=x&gt; &amp;amp;",
                HtmlEscaper.escape("<script>alert('x')</script>\"><img onerror=x> &amp;"));
    }

    @Test
    void controlCharactersAndBidiOverridesBecomeQuestionMarksAsOnTheTerminal() {
        assertEquals("a?]0;owned??[2J?31m?b?c?d", HtmlEscaper.escape(
                "a\u001b]0;owned\u0007\u001b[2J\u009b31m\u0000b\u007fc\u202ed"));
        assertEquals("?x?y", HtmlEscaper.escape("\u2066x\u2069y"));
    }

    @Test
    void tabsNewlinesAndTextOutsideAsciiStayAsTheyAre() {
        assertEquals("a\tb\nc é → 🙂", HtmlEscaper.escape("a\tb\nc é → 🙂"));
    }

    @Test
    void anUnpairedSurrogateIsReplaced() {
        assertEquals("a?b?", HtmlEscaper.escape("a\uD83Db\uDE42"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", HtmlEscaper.escape(null));
    }
}
