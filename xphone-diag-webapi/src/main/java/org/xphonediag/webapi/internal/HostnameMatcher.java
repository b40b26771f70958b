package org.xphonediag.webapi.internal;

import java.util.List;
import java.util.Locale;

/**
 * Matches a host name against a certificate's DNS names as RFC 6125 §6.4 says: case-insensitive,
 * and a wildcard only as the whole left-most label, covering exactly one label (docs/field-guide.md#tls).
 */
public final class HostnameMatcher {
  private HostnameMatcher() {}

  /** The outcome of a match. */
  public enum Outcome {
    /** Some name covers the host. */
    MATCH,
    /** A wildcard would cover the host if it spanned more than one label ({@code *.example.com} on {@code a.b.example.com}). */
    SUB_SUBDOMAIN_WILDCARD,
    /** No name covers the host. */
    MISMATCH
  }

  /** Matches {@code host} against {@code names}. */
  public static Outcome match(String host, List<String> names) {
    String h = normalize(host);
    boolean deepWildcard = false;
    for (String n : names) {
      String name = normalize(n);
      if (name.equals(h)) {
        return Outcome.MATCH;
      }
      if (name.startsWith("*.")) {
        String suffix = name.substring(1);
        if (h.endsWith(suffix)) {
          String left = h.substring(0, h.length() - suffix.length());
          if (!left.isEmpty() && left.indexOf('.') < 0) {
            return Outcome.MATCH;
          }
          if (!left.isEmpty()) {
            deepWildcard = true;
          }
        }
      }
    }
    return deepWildcard ? Outcome.SUB_SUBDOMAIN_WILDCARD : Outcome.MISMATCH;
  }

  private static String normalize(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
