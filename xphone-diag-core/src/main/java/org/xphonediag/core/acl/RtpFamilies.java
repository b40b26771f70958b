package org.xphonediag.core.acl;

import java.util.Locale;

/**
 * The address families the XCC can send RTP from: the families of the {@code rtp-ip} parameters
 * of its SIP profile (an address with a {@code :} is IPv6). FreeSWITCH drops every offered
 * candidate of a family it has no {@code rtp-ip} for before the candidate ACL sees it
 * ({@code ip_possible} in {@code switch_core_media.c}: "no network path"), judging the family by a
 * {@code :} in the candidate's address as written, so {@code ::ffff:192.0.2.1} counts as IPv6
 * there. FreeSWITCH's shipped profiles set one IPv4 {@code rtp-ip} (and a profile without one
 * falls back to the host's IPv4 address), hence the default {@link #IPV4}.
 */
public enum RtpFamilies {
  /** Only IPv4 {@code rtp-ip}s (FreeSWITCH's default): IPv6 candidates are dropped. */
  IPV4,
  /** Only IPv6 {@code rtp-ip}s: IPv4 candidates are dropped. */
  IPV6,
  /** Both: no candidate is dropped for its family. */
  DUAL;

  /** The default: an XCC whose SIP profile has only an IPv4 {@code rtp-ip}. */
  public static final RtpFamilies DEFAULT = IPV4;

  /** {@code ipv4}, {@code ipv6} or {@code dual}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code ipv4}, {@code ipv6} or {@code dual} (any case). */
  public static RtpFamilies parse(String text) {
    for (RtpFamilies f : values()) {
      if (f.optionName().equalsIgnoreCase(text.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("the XCC's RTP family must be ipv4, ipv6 or dual but was '" + text + "'");
  }

  /** True when the XCC has an {@code rtp-ip} of the family of {@code address} as written. */
  public boolean permits(String address) {
    boolean v6 = address.indexOf(':') >= 0;
    return this == DUAL || (this == IPV6) == v6;
  }
}
