package io.sockleak.entry;

import io.sockleak.config.OptionsParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsChangeTest {

    private static OptionsChange change(String current, String requested) {
        return OptionsChange.of(current, OptionsParser.parse(current).options(), requested);
    }

    @Test
    void namedOptionsChangeOthersStay() {
        OptionsChange c = change("dir=/a,threshold=5", "interval=30s");
        assertEquals(Path.of("/a"), c.options().dir());
        assertEquals(5, c.options().threshold());
        assertEquals(Duration.ofSeconds(30), c.options().interval());
        assertEquals(List.of("interval=30s (was off)"), c.changes());
        assertTrue(c.monitorChanged());
        assertFalse(c.dirChanged());
        assertEquals("dir=/a,threshold=5,interval=30s", c.text());
    }

    @Test
    void aNewDirRestartsTheMonitorToo() {
        OptionsChange c = change("dir=/a", "dir=/b,maxTracked=10,summary=false");
        assertTrue(c.dirChanged());
        assertTrue(c.monitorChanged());
        assertEquals(List.of("dir=/b (was /a)", "maxTracked=10 (was 100000)", "summary=false (was true)"), c.changes());
    }

    @Test
    void sameOptionsChangeNothing() {
        OptionsChange c = change("dir=/a,interval=1m", "interval=60s");
        assertEquals(List.of(), c.changes());
        assertFalse(c.monitorChanged());
    }

    @Test
    void optionsFixedAtStartAreKeptWithANote() {
        OptionsChange c = change("stackDepth=64", "stackDepth=8,threshold=2");
        assertEquals(64, c.options().stackDepth());
        assertEquals(2, c.options().threshold());
        assertEquals(List.of("stackDepth stays 64 while the agent runs (stop, then attach again to change it)"),
                c.notes());
    }

    @Test
    void problemsOfTheRequestAreNotes() {
        OptionsChange c = change("", "interval=5x");
        assertEquals(Duration.ZERO, c.options().interval());
        assertEquals(1, c.notes().size());
        assertTrue(c.notes().get(0).contains("interval=5x"), c.notes().toString());
    }
}
