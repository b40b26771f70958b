package org.xphonediag.sip.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;

/**
 * One ICE candidate as an SDP {@code a=candidate} line carries it (RFC 8839 §5.1, RFC 6544
 * {@code tcptype}): foundation, component, transport, priority, address, port, type, the related
 * address and port, and the extension pairs in the order written. Immutable and thread-safe.
 *
 * <p>Addresses are never resolved: an IP literal is kept in canonical form, an mDNS ({@code .local})
 * or other host name as written, and {@link #addressClass()} classes it (docs/field-guide.md#reading-a-trace). Warnings the
 * parser attached (an unknown type, a srflx without {@code raddr}) are in {@link #warnings()}.
 *
 * <pre>{@code
 * SdpCandidate c = SdpCandidate.parse(
 *     "a=candidate:1 1 UDP 2130706431 192.168.1.20 50000 typ host generation 0");
 * c.type();          // HOST
 * c.addressClass();  // PRIVATE
 * }</pre>
 */
public final class SdpCandidate {
  private final String foundation;
  private final int component;
  private final String transport;
  private final long priority;
  private final String address;
  private final String addressText;
  private final int port;
  private final CandidateType type;
  private final String typeToken;
  private final String relatedAddress;
  private final int relatedPort;
  private final Map<String, String> extensions;
  private final List<String> warnings;
  private final AddressClass addressClass;
  private final int line;

  SdpCandidate(int line, String foundation, int component, String transport, long priority, String address,
      String addressText, int port, String typeToken, String relatedAddress, int relatedPort,
      Map<String, String> extensions, List<String> warnings) {
    this.line = line;
    this.foundation = Objects.requireNonNull(foundation, "foundation");
    this.component = component;
    this.transport = Objects.requireNonNull(transport, "transport");
    this.priority = priority;
    this.address = Objects.requireNonNull(address, "address");
    this.addressText = Objects.requireNonNull(addressText, "addressText");
    this.port = port;
    this.typeToken = Objects.requireNonNull(typeToken, "typeToken");
    this.type = CandidateType.fromToken(typeToken);
    this.relatedAddress = relatedAddress;
    this.relatedPort = relatedPort;
    this.extensions = extensions.isEmpty() ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    this.warnings = List.copyOf(warnings);
    this.addressClass = AddressClass.classify(address);
  }

  /**
   * Parses one candidate, with or without the {@code a=} and {@code candidate:} prefixes.
   *
   * @throws SdpFormatException naming the column and what was expected, for a malformed line
   */
  public static SdpCandidate parse(String text) throws SdpFormatException {
    return CandidateParser.parse(text, "candidate", 1);
  }

  /** The foundation (1 to 32 ice-chars). */
  public String foundation() {
    return foundation;
  }

  /** The component id, 1..256 (1 = RTP, 2 = RTCP). */
  public int component() {
    return component;
  }

  /** The transport, lower-cased ({@code udp}, {@code tcp}, or an extension token). */
  public String transport() {
    return transport;
  }

  /** The priority, 1..2^31-1. */
  public long priority() {
    return priority;
  }

  /** The address: an IP literal in canonical form, or a host name (mDNS or FQDN) as written. */
  public String address() {
    return address;
  }

  /** The port, 0..65535 (RFC 6544 active TCP candidates use 9). */
  public int port() {
    return port;
  }

  /** The candidate type; {@link CandidateType#UNKNOWN} for an extension token. */
  public CandidateType type() {
    return type;
  }

  /** The type token as written, e.g. {@code srflx} or an extension token. */
  public String typeToken() {
    return typeToken;
  }

  /** The related address ({@code raddr}), if given. */
  public Optional<String> relatedAddress() {
    return Optional.ofNullable(relatedAddress);
  }

  /** The related port ({@code rport}), if given. */
  public OptionalInt relatedPort() {
    return relatedPort < 0 ? OptionalInt.empty() : OptionalInt.of(relatedPort);
  }

  /**
   * Every extension pair after the type except {@code raddr}/{@code rport}, in the order written,
   * names lower-cased: {@code tcptype}, {@code generation}, {@code ufrag}, {@code network-id},
   * {@code network-cost} and unknown ones.
   */
  public Map<String, String> extensions() {
    return extensions;
  }

  /** The RFC 6544 {@code tcptype} ({@code active}, {@code passive}, {@code so}), if given. */
  public Optional<String> tcpType() {
    return Optional.ofNullable(extensions.get("tcptype"));
  }

  /** The {@code generation} extension, if given as a number. */
  public OptionalLong generation() {
    return number("generation");
  }

  /** The {@code ufrag} extension, if given. */
  public Optional<String> ufrag() {
    return Optional.ofNullable(extensions.get("ufrag"));
  }

  /** The {@code network-id} extension, if given as a number. */
  public OptionalLong networkId() {
    return number("network-id");
  }

  /** The {@code network-cost} extension, if given as a number. */
  public OptionalLong networkCost() {
    return number("network-cost");
  }

  private OptionalLong number(String key) {
    String v = extensions.get(key);
    if (v == null || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(v));
  }

  /**
   * The connection address exactly as written in the line ({@link #address()} puts IP literals in
   * canonical form). FreeSWITCH reads the text: a leading {@code ::ffff:} is what makes it match an
   * IPv4-mapped address as IPv4, and a {@code :} anywhere what makes it IPv6 for its RTP family.
   */
  public String addressText() {
    return addressText;
  }

  /** The class of {@link #address()}; host names are never resolved (docs/field-guide.md#reading-a-trace). */
  public AddressClass addressClass() {
    return addressClass;
  }

  /** The address as an IP, when it is a literal. */
  public Optional<IpAddress> ipAddress() {
    return IpAddress.tryParse(address);
  }

  /** {@code address:port} ({@code [v6]:port}), as ARCHITECTURE.md writes addresses. */
  public String endpoint() {
    return port == 0 ? address : new HostAndPort(address, port).toString();
  }

  /** The 1-based line number in the SDP it was read from (1 for a single candidate line). */
  public int line() {
    return line;
  }

  /** What the parser accepted with a warning (unknown type, missing raddr/rport). */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("candidate:").append(foundation).append(' ').append(component)
        .append(' ').append(transport).append(' ').append(priority).append(' ').append(address)
        .append(' ').append(port).append(" typ ").append(typeToken);
    if (relatedAddress != null) {
      sb.append(" raddr ").append(relatedAddress);
    }
    if (relatedPort >= 0) {
      sb.append(" rport ").append(relatedPort);
    }
    extensions.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SdpCandidate c && c.foundation.equals(foundation) && c.component == component
        && c.transport.equals(transport) && c.priority == priority && c.address.equals(address)
        && c.port == port && c.typeToken.equals(typeToken) && Objects.equals(c.relatedAddress, relatedAddress)
        && c.relatedPort == relatedPort && c.extensions.equals(extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(foundation, component, transport, priority, address, port, typeToken);
  }
}
