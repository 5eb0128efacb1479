package io.sockleak.support;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known word nearest to a mistyped one, for command names, CLI flags and agent
 * option keys. A suggestion is offered only when it is close (a third of the word's letters at most,
 * and at least one), so a word that resembles nothing gets no suggestion rather than a wrong one.
 */
public final class Spelling {

    private Spelling() {
    }

    /** The nearest of {@code known} to {@code typed}, if it is near enough to be what was meant. */
    public static Optional<String> nearest(String typed, Collection<String> known) {
        if (typed == null || typed.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String word : known) {
            int distance = distance(typed.toLowerCase(Locale.ROOT), word.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = word;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(typed.length(), best == null ? 0 : best.length()) / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code "; did you mean 'x'?"}, or "" when nothing is near: ready to append to a message. */
    public static String didYouMean(String typed, Collection<String> known) {
        return nearest(typed, known).map(word -> "; did you mean '" + word + "'?").orElse("");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
     * neighbouring letters (the commonest typo, "dmup") each count one.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
