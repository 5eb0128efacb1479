package io.sockleak.cli.analyse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SparklineTest {

    @Test
    void scalesFromZeroToThePeak() {
        assertEquals("▁▂▃▄▅▆▇█", Sparkline.of(List.of(0, 1, 2, 3, 4, 5, 6, 7), 12, false));
        assertEquals("_.:-=+*#", Sparkline.of(List.of(0, 1, 2, 3, 4, 5, 6, 7), 12, true));
    }

    @Test
    void anyLeakShowsAboveZero() {
        assertEquals("▁▂█", Sparkline.of(List.of(0, 1, 100), 12, false));
    }

    @Test
    void allZeroIsFlat() {
        assertEquals("▁▁▁", Sparkline.of(List.of(0, 0, 0), 12, false));
    }

    @Test
    void longSeriesAreSampledKeepingFirstAndLast() {
        List<Integer> series = java.util.stream.IntStream.rangeClosed(0, 99).boxed().toList();

        String line = Sparkline.of(series, 12, false);

        assertEquals(12, line.length());
        assertEquals('▁', line.charAt(0));
        assertEquals('█', line.charAt(11));
    }
}
