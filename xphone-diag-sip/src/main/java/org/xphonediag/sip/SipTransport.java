package org.xphonediag.sip;

import java.util.Locale;

/** The transport a SIP probe uses: UDP (the gateway leg, 5060) or TCP (the loopback leg, 4900; docs/field-guide.md#ports-and-paths). */
public enum SipTransport {
  UDP,
  TCP;

  /** {@code udp} or {@code tcp}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code udp} or {@code tcp} in any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static SipTransport parse(String text) {
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "udp":
        return UDP;
      case "tcp":
        return TCP;
      default:
        throw new IllegalArgumentException("SIP transport must be udp or tcp but was '" + text + "'");
    }
  }
}
