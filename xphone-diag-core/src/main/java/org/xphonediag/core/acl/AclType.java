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
   * Reads a {@code type} or {@code default} attribute as FreeSWITCH's {@code switch_true} does:
   * {@code allow}, {@code yes}, {@code on}, {@code true}, {@code t}, {@code enabled}, {@code active}
   * (any case) and non-zero numbers are allow; everything else is deny.
   */
  public static AclType fromAttribute(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "allow", "yes", "on", "true", "t", "enabled", "active":
        return ALLOW;
      default:
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
          return t.chars().anyMatch(c -> c != '0') ? ALLOW : DENY;
        }
        return DENY;
    }
  }

  /** True when {@code text} is literally {@code allow} or {@code deny} (any case). */
  public static boolean isPlain(String text) {
    String t = text.strip();
    return t.equalsIgnoreCase("allow") || t.equalsIgnoreCase("deny");
  }
}
