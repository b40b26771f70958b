package org.xphonediag.core.net;

import java.util.Locale;

/** Host-name syntax (RFC 1123 labels) and the mDNS test; package-private. */
final class HostNames {
  private HostNames() {}

  static AddressClass classify(String text) {
    if (!isHostName(text)) {
      throw new AddressFormatException(text, "an IP address or host name");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.endsWith(".local") || lower.endsWith(".local.") ? AddressClass.MDNS : AddressClass.FQDN;
  }

  static boolean isHostName(String text) {
    if (text == null || text.isEmpty() || text.length() > 254) {
      return false;
    }
    String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    if (t.isEmpty() || t.length() > 253) {
      return false;
    }
    boolean allNumeric = true;
    for (String label : t.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
        if (!ok) {
          return false;
        }
        if (!(c >= '0' && c <= '9')) {
          allNumeric = false;
        }
      }
    }
    // "1.2.3" or "300.1.1.1" look like broken IPv4 literals, not names.
    return !allNumeric;
  }
}
