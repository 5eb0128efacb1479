package io.sockleak.cli.analyse;

import java.util.List;

/** A series of counts as one character per point, scaled from zero to the series' peak. */
final class Sparkline {

    private static final String BLOCKS = "▁▂▃▄▅▆▇█";
    private static final String ASCII = "_.:-=+*#";

    private Sparkline() {
    }

    /** At most {@code width} characters: longer series are sampled evenly, keeping the first and last point. */
    static String of(List<Integer> counts, int width, boolean ascii) {
        String levels = ascii ? ASCII : BLOCKS;
        List<Integer> points = sample(counts, width);
        int peak = points.stream().mapToInt(Integer::intValue).max().orElse(0);
        StringBuilder line = new StringBuilder();
        for (int count : points) {
            line.append(levels.charAt(level(count, peak, levels.length())));
        }
        return line.toString();
    }

    private static int level(int count, int peak, int levels) {
        if (count <= 0 || peak <= 0) {
            return 0;
        }
        int top = levels - 1;
        // Any leak at all shows above the zero line.
        return Math.max(1, (int) Math.round((double) count * top / peak));
    }

    private static List<Integer> sample(List<Integer> counts, int width) {
        if (counts.size() <= width || width < 2) {
            return counts;
        }
        Integer[] sampled = new Integer[width];
        for (int i = 0; i < width; i++) {
            sampled[i] = counts.get((int) Math.round((double) i * (counts.size() - 1) / (width - 1)));
        }
        return List.of(sampled);
    }
}
