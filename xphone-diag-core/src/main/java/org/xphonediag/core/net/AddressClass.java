package org.xphonediag.core.net;

import java.util.Locale;

/**
 * What kind of address a candidate, an ACL entry or a STUN answer names (ARCHITECTURE.md,
 * {@code addressClass}). An address counts as public when it is none of loopback, private,
 * carrier-grade NAT, link-local, unique-local, unspecified or multicast; documentation ranges count
 * as public while keeping their own class.
 */
public enum AddressClass {
  /** 127.0.0.0/8, ::1. */
  LOOPBACK,
  /** RFC 1918: 10/8, 172.16/12, 192.168/16. */
  PRIVATE,
  /** Carrier-grade NAT, RFC 6598: 100.64.0.0/10. */
  CGNAT,
  /** 169.254.0.0/16, fe80::/10. */
  LINK_LOCAL,
  /** fc00::/7. */
  UNIQUE_LOCAL,
  /** RFC 5737 (192.0.2/24, 198.51.100/24, 203.0.113/24), RFC 3849 (2001:db8::/32), RFC 9637 (3fff::/20). */
  DOCUMENTATION,
  /** 224.0.0.0/4, ff00::/8. */
  MULTICAST,
  /** 0.0.0.0/8 ("this network"), ::. */
  UNSPECIFIED,
  /** Everything else that is an IP address. */
  PUBLIC,
  /** An mDNS name ({@code *.local}), as browsers put in candidates to hide host addresses. */
  MDNS,
  /** A fully qualified domain name (never resolved by the classifier). */
  FQDN;

  /** The JSON name: lower case with hyphens ({@code link-local}). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True for addresses reachable from the internet: {@link #PUBLIC} and {@link #DOCUMENTATION}. */
  public boolean isPublic() {
    return this == PUBLIC || this == DOCUMENTATION;
  }

  /**
   * True for the classes a host candidate in a LAN has: private, CGNAT, link-local, unique-local
   * (loopback is not counted: it is never reachable from another host).
   */
  public boolean isPrivate() {
    return this == PRIVATE || this == CGNAT || this == LINK_LOCAL || this == UNIQUE_LOCAL;
  }

  /**
   * Classifies text: an IP literal by its range, an mDNS name as {@link #MDNS}, another host name
   * as {@link #FQDN}. No DNS lookup is ever made.
   *
   * @throws AddressFormatException when the text is neither an IP literal nor a host name
   */
  public static AddressClass classify(String text) {
    return IpAddress.tryParse(text).map(IpAddress::addressClass).orElseGet(() -> HostNames.classify(text));
  }
}
