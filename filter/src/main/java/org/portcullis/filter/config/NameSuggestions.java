package org.portcullis.filter.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The known names an unknown one was probably meant to be, for "did you mean": the same name but for
 * case or separators ({@code Signup_Enabled}), or with a context-param's {@code portcullis.} prefix; else
 * the nearest by Damerau-Levenshtein distance (a swap of two neighbours counts once, so {@code singup}
 * is one step from {@code signup}) within 1 to 3 steps as the name grows; else, when there are at most
 * {@value #MAX_SIBLINGS}, the names that share its longest run of leading dotted segments
 * ({@code cache.maxsize} → {@code cache.listings}, {@code cache.size}, {@code cache.ttl}; {@code jdbc} → the
 * three {@code jdbc.*}).
 *
 * <pre>{@code
 * NameSuggestions.closest("singup.enabled", known);   // [signup.enabled]
 * }</pre>
 */
final class NameSuggestions {

    static final int MAX_SIBLINGS = 5;

    private NameSuggestions() {
    }

    /** The names {@code given} was probably meant to be, sorted; empty when none is close. */
    static List<String> closest(String given, Collection<String> known) {
        String prefix = ParameterSource.CONTEXT_PREFIX;
        if (given.startsWith(prefix) && known.contains(given.substring(prefix.length()))) {
            return List.of(given.substring(prefix.length()));
        }
        String normal = normal(given);
        List<String> same = known.stream().filter(k -> squashed(k).equals(squashed(normal))).sorted().toList();
        if (!same.isEmpty()) {
            return same;
        }
        int best = Integer.MAX_VALUE;
        for (String k : known) {
            best = Math.min(best, distance(normal, normal(k)));
        }
        if (best <= allowedSteps(given)) {
            int found = best;
            return known.stream().filter(k -> distance(normal, normal(k)) == found).sorted().toList();
        }
        return siblings(normal, known);
    }

    private static int allowedSteps(String given) {
        return given.length() <= 4 ? 1 : given.length() <= 9 ? 2 : 3;
    }

    /** The known names that start with the most leading dotted segments of {@code normal} (one at least). */
    private static List<String> siblings(String normal, Collection<String> known) {
        String[] segments = normal.split("\\.");
        for (int shared = segments.length; shared >= 1; shared--) {
            String head = String.join(".", List.of(segments).subList(0, shared)) + ".";
            List<String> near = known.stream().filter(k -> normal(k).startsWith(head)).sorted().toList();
            if (!near.isEmpty()) {
                return near.size() <= MAX_SIBLINGS ? near : List.of();
            }
        }
        return List.of();
    }

    private static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    private static String squashed(String name) {
        return normal(name).replace(".", "");
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
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
