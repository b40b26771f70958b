package org.xphonediag.core.config.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a JWT signing secret (docs/field-guide.md#appsettings-json) without ever putting it, or a part of it, into a
 * message. The vendor's shipped placeholder is a sentence we do not know verbatim, so a secret
 * counts as a placeholder when it reads like prose: three or more words separated by white space,
 * or a word typical of placeholders ({@code replace}, {@code your}, {@code secret}, ...). Beyond
 * that it must have at least 32 characters (HMAC-SHA256 wants a 256-bit key) and an estimated
 * entropy of at least 128 bits (Shannon entropy of its character distribution times its length).
 * The reasons name only lengths and estimates.
 */
final class SecretStrength {
  static final int MIN_LENGTH = 32;
  static final int MIN_BITS = 128;
  private static final Set<String> PLACEHOLDER_WORDS = Set.of("placeholder", "replace", "change", "changeme",
      "secret", "your", "insert", "enter", "example", "sample", "default", "password", "todo", "dummy", "test");

  private SecretStrength() {}

  /** Why the secret is unfit, or empty when it looks fit; the reason never contains the secret. */
  static Optional<String> weakness(String secret) {
    if (secret.isBlank()) {
      return Optional.of("is empty");
    }
    if (placeholder(secret)) {
      return Optional.of(String.format(Locale.ROOT, "looks like a placeholder sentence rather than a key (%d "
          + "characters of words; the shipped value is such a sentence)", secret.length()));
    }
    if (secret.length() < MIN_LENGTH) {
      return Optional.of(String.format(Locale.ROOT, "has %d characters, fewer than the %d needed for a 256-bit "
          + "HMAC-SHA256 key", secret.length(), MIN_LENGTH));
    }
    long bits = Math.round(entropyBits(secret));
    if (bits < MIN_BITS) {
      return Optional.of(String.format(Locale.ROOT, "has low entropy (about %d bits estimated from its %d characters; "
          + "at least %d wanted): it repeats few distinct characters", bits, secret.length(), MIN_BITS));
    }
    return Optional.empty();
  }

  static boolean placeholder(String secret) {
    String[] words = secret.strip().split("\\s+");
    if (words.length >= 3) {
      return true;
    }
    for (String w : secret.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (PLACEHOLDER_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  static double entropyBits(String s) {
    Map<Integer, Integer> counts = new HashMap<>();
    s.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    int n = (int) s.codePoints().count();
    double h = 0;
    for (int c : counts.values()) {
      double p = (double) c / n;
      h -= p * (Math.log(p) / Math.log(2));
    }
    return h * n;
  }
}
