package io.sigload.scenario;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?" for near misses in scenario fields, options and threshold names. Thread-safe: stateless. */
public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The allowed word closest to {@code s} by edit distance (case-insensitive), when close enough
     * to be a typo: at most 2 edits, or a third of the word's length.
     *
     * @return the allowed word, or {@code null} when none is close
     */
    public static String closest(String s, Collection<String> allowed) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(s.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return best != null && bestD <= Math.max(2, best.length() / 3) ? best : null;
    }

    /**
     * Every allowed word as close to {@code s} as the closest ({@link #closest}), in the order
     * given: {@code --sed} is as near {@code --set} as {@code --seed}.
     *
     * @return the words, empty when none is close enough
     */
    public static List<String> closestAll(String s, Collection<String> allowed) {
        String best = closest(s, allowed);
        if (best == null) {
            return List.of();
        }
        String low = s.toLowerCase(Locale.ROOT);
        int d = distance(low, best.toLowerCase(Locale.ROOT));
        return allowed.stream().filter(a -> distance(low, a.toLowerCase(Locale.ROOT)) == d).distinct().toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
