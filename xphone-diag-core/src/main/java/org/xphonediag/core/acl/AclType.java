package org.xphonediag.core.acl;

import java.util.Locale;

/** What a node, a list default or a decision says about an address: {@code allow} or {@code deny}. */
public enum AclType {
  ALLOW,
  DENY;

  /** {@code allow} or {@code deny}, as written in {@code acl.conf.xml}. */
  public String written() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a {@code type} or {@code default} attribute exactly as FreeSWITCH's {@code switch_true}
   * does, without trimming: {@code allow}, {@code yes}, {@code on}, {@code true}, {@code t},
   * {@code enabled}, {@code active} (any case) and numbers ({@code switch_is_number}: an optional
   * sign, then digits and dots) whose {@code atoi} is not 0 are allow; everything else, including
   * {@code "allow "} with a trailing space, is deny.
   */
  public static AclType fromAttribute(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    switch (t) {
      case "allow", "yes", "on", "true", "t", "enabled", "active":
        return ALLOW;
      default:
        String digits = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        boolean number = digits.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        return number && org.xphonediag.core.acl.internal.FsNet.atoi(t) != 0 ? ALLOW : DENY;
    }
  }

  /** True when {@code text} is literally {@code allow} or {@code deny} (any case, no white space). */
  public static boolean isPlain(String text) {
    return text.equalsIgnoreCase("allow") || text.equalsIgnoreCase("deny");
  }
}
