package io.sockleak.cli.html;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * One chart as inline SVG: leaks (y, from zero) over time (x, the same scale for every run drawn), one line
 * per process run with a dot at each report. Lines take their colour from classes of the page's style sheet
 * (s0..s5), not from style attributes, which the page's Content-Security-Policy would refuse.
 */
final class LeakChart {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 170;
    private static final int LEFT = 42;
    private static final int RIGHT = 14;
    private static final int TOP = 10;
    private static final int BOTTOM = 24;

    private LeakChart() {
    }

    /** {@code title}: what the chart shows, in words (read by screen readers; a report's text, escaped). */
    static void write(Markup out, String title, List<Page.Series> series) {
        Instant from = series.stream().flatMap(s -> s.samples().stream()).map(Page.Sample::at).min(Instant::compareTo)
                .orElse(Instant.EPOCH);
        Instant to = series.stream().flatMap(s -> s.samples().stream()).map(Page.Sample::at).max(Instant::compareTo)
                .orElse(from);
        int peak = Math.max(1, series.stream().mapToInt(HistoryView::peak).max().orElse(1));
        out.raw("<svg class=\"chart\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\""
                + " xmlns=\"http://www.w3.org/2000/svg\">");
        out.element("title", title);
        grid(out, peak, from, to);
        for (int i = 0; i < series.size(); i++) {
            String colour = "s" + (i % PageStyle.COLOURS);
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (Page.Sample sample : series.get(i).samples()) {
                String x = format(x(sample.at(), from, to));
                String y = format(y(sample.count(), peak));
                points.append(points.length() == 0 ? "" : " ").append(x).append(',').append(y);
                dots.append("<circle class=\"").append(colour).append("\" cx=\"").append(x).append("\" cy=\"")
                        .append(y).append("\" r=\"2.5\"></circle>");
            }
            out.raw("<polyline class=\"" + colour + "\" points=\"" + points + "\"></polyline>").raw(dots.toString());
        }
        out.raw("</svg>");
    }

    private static void grid(Markup out, int peak, Instant from, Instant to) {
        int bottom = HEIGHT - BOTTOM;
        for (int value : peak > 1 ? new int[] {0, peak / 2, peak} : new int[] {0, peak}) {
            String y = format(y(value, peak));
            out.raw("<line class=\"grid\" x1=\"" + LEFT + "\" x2=\"" + (WIDTH - RIGHT) + "\" y1=\"" + y + "\" y2=\""
                    + y + "\"></line>");
            out.raw("<text x=\"" + (LEFT - 6) + "\" y=\"" + y + "\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                    .text(value).raw("</text>");
        }
        boolean oneDay = from.atZone(ZoneOffset.UTC).toLocalDate().equals(to.atZone(ZoneOffset.UTC).toLocalDate());
        out.raw("<text x=\"" + LEFT + "\" y=\"" + (bottom + 16) + "\" text-anchor=\"start\">")
                .text(oneDay ? Words.clock(from) + " UTC" : Words.time(from)).raw("</text>");
        if (to.isAfter(from)) {
            out.raw("<text x=\"" + (WIDTH - RIGHT) + "\" y=\"" + (bottom + 16) + "\" text-anchor=\"end\">")
                    .text((oneDay ? Words.clock(to) + " UTC" : Words.time(to)) + " (" + span(from, to) + ")")
                    .raw("</text>");
        }
    }

    private static double x(Instant at, Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        double plot = WIDTH - LEFT - RIGHT;
        return span <= 0 ? LEFT + plot / 2 : LEFT + plot * Duration.between(from, at).toMillis() / span;
    }

    private static double y(int count, int peak) {
        double plot = HEIGHT - TOP - BOTTOM;
        return TOP + plot - plot * count / peak;
    }

    private static String span(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds < 172_800 ? seconds / 3600 + " h" : seconds / 86_400 + " days";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
