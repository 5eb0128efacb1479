package io.sockleak.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpellingTest {

    private static final List<String> COMMANDS = List.of("summary", "diff", "trend", "list", "attach", "dump", "stop");

    @Test
    void suggestsTheNearestWordForCommonTypos() {
        assertEquals(Optional.of("attach"), Spelling.nearest("atach", COMMANDS), "a letter missing");
        assertEquals(Optional.of("summary"), Spelling.nearest("sumary", COMMANDS));
        assertEquals(Optional.of("dump"), Spelling.nearest("dmup", COMMANDS), "two letters swapped count one");
        assertEquals(Optional.of("trend"), Spelling.nearest("Trend", COMMANDS), "case does not count");
        assertEquals(Optional.of("--fail-on-leak"), Spelling.nearest("--fail-on-leaks",
                List.of("--json", "--fail-on-leak", "--top", "--frames")));
    }

    @Test
    void suggestsNothingForAWordThatResemblesNothing() {
        assertEquals(Optional.empty(), Spelling.nearest("xyz", COMMANDS));
        assertEquals(Optional.empty(), Spelling.nearest("report", COMMANDS));
        assertEquals(Optional.empty(), Spelling.nearest("", COMMANDS));
        assertEquals("", Spelling.didYouMean("colour", List.of("dir", "interval", "threshold")));
    }

    @Test
    void didYouMeanIsReadyToAppend() {
        assertEquals("; did you mean 'interval'?", Spelling.didYouMean("intervall", List.of("dir", "interval")));
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertEquals(0, Spelling.distance("dump", "dump"));
        assertEquals(1, Spelling.distance("dmup", "dump"));
        assertEquals(1, Spelling.distance("dum", "dump"));
        assertEquals(4, Spelling.distance("", "dump"));
        assertEquals(3, Spelling.distance("kitten", "sitting"));
    }
}
