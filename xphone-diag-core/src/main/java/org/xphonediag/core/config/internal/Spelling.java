package org.xphonediag.core.config.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" suggestions: the known name nearest to an unknown one by the optimal string
 * alignment distance (Levenshtein plus adjacent transpositions), case-insensitive, accepted when
 * at most 1 edit for names up to 5 characters, 2 up to 12, 3 beyond.
 */
final class Spelling {
  private Spelling() {}

  static Optional<String> suggest(String name, Collection<String> known) {
    String n = name.toLowerCase(Locale.ROOT);
    int limit = n.length() <= 5 ? 1 : n.length() <= 12 ? 2 : 3;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(n, k.toLowerCase(Locale.ROOT));
      if (d > 0 && d <= limit && d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

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
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
