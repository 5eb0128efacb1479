package io.sockleak.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, min and max of a handful of samples (the bench never has more than a few dozen). */
record Stats(double median, double min, double max, int n) {

    static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
    }

    boolean empty() {
        return n == 0;
    }

    /** {@code median [min .. max]} with the given format for each number. */
    String format(String numberFormat) {
        if (n == 0) {
            return "-";
        }
        String m = String.format(numberFormat, median);
        return n == 1 ? m : m + " [" + String.format(numberFormat, min) + " .. " + String.format(numberFormat, max) + "]";
    }
}
