package org.xphonediag.core.acl;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.IpAddress;

/**
 * One ICE candidate as the candidate ACL sees it (docs/field-guide.md#xcc-acls, #failure-patterns): its connection address as
 * written (an IP literal, or an mDNS/FQDN name that FreeSWITCH skips), port, transport, component
 * and type. The SDP parser feeds these in SDP order.
 *
 * @param address the connection address as written in the candidate line
 * @param port the port, 0 when unknown
 * @param transport the transport as written, e.g. {@code udp} or {@code tcp}
 * @param component the component id: 1 for RTP, 2 for RTCP
 * @param type the candidate type as written ({@code host}, {@code srflx}, {@code relay}, ...); empty
 *     when unknown
 */
public record AclCandidate(String address, int port, String transport, int component, String type) {

  /** Validates the candidate. */
  public AclCandidate {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(type, "type");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 but was " + port);
    }
    if (component < 1) {
      throw new IllegalArgumentException("component must be at least 1 but was " + component);
    }
  }

  /** A component-1 candidate of unknown type. */
  public AclCandidate(String address, int port, String transport) {
    this(address, port, transport, 1, "");
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

  /** True for a relay candidate (FreeSWITCH compares the type as written, {@code relay}). */
  public boolean isRelay() {
    return type.equals("relay");
  }

  /** {@code address:port/transport} (without {@code :port} when unknown), IPv6 in brackets. */
  @Override
  public String toString() {
    String a = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    return (port == 0 ? a : a + ":" + port) + "/" + transport.toLowerCase(Locale.ROOT);
  }
}
