package org.xphonediag.core.acl;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.IpAddress;

/**
 * One ICE candidate as the candidate ACL sees it (docs/field-guide.md#xcc-acls, #failure-patterns): its connection address as
 * written (an IP literal, or an mDNS/FQDN name that FreeSWITCH skips), port and transport. The SDP
 * parser feeds these in SDP order.
 *
 * @param address the connection address as written in the candidate line
 * @param port the port, 0 when unknown
 * @param transport the transport as written, e.g. {@code udp} or {@code tcp}
 */
public record AclCandidate(String address, int port, String transport) {

  /** Validates the candidate. */
  public AclCandidate {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(transport, "transport");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 but was " + port);
    }
  }

  /** A UDP candidate for {@code address} without a known port. */
  public static AclCandidate udp(String address) {
    return new AclCandidate(address, 0, "udp");
  }

  /** The address when it is an IP literal; empty for mDNS and FQDN names (never resolved). */
  public Optional<IpAddress> ipAddress() {
    return IpAddress.tryParse(address);
  }

  /** True for UDP (any case). */
  public boolean isUdp() {
    return transport.equalsIgnoreCase("udp");
  }

  /** {@code address:port/transport} (without {@code :port} when unknown), IPv6 in brackets. */
  @Override
  public String toString() {
    String a = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    return (port == 0 ? a : a + ":" + port) + "/" + transport.toLowerCase(Locale.ROOT);
  }
}
