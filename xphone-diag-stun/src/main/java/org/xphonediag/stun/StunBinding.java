package org.xphonediag.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.net.HostAndPort;

/**
 * The outcome of a classic Binding request to one address of a STUN server (RFC 8489 §6,
 * docs/field-guide.md#media): the server as asked and the address it resolved to, our local address, the mapped (public)
 * address, round-trip time, transmissions, the server's SOFTWARE, RESPONSE-ORIGIN and
 * OTHER-ADDRESS, and the NAT behaviour found (RFC 5780). Immutable.
 *
 * @param server the server as asked
 * @param address the resolved address; empty when the name did not resolve
 * @param localAddress the local address the request left from
 * @param mappedAddress XOR-MAPPED-ADDRESS (or MAPPED-ADDRESS) of the answer
 * @param rtt from the last transmission to the answer
 * @param transmissions requests sent
 * @param elapsed time spent on this address
 * @param software SOFTWARE of the answer
 * @param responseOrigin RESPONSE-ORIGIN of the answer
 * @param otherAddress OTHER-ADDRESS of the answer (RFC 5780)
 * @param nat the NAT behaviour; unknown unless the server offers OTHER-ADDRESS
 * @param failure why there is no answer (no response, ICMP, resolution, network error)
 */
public record StunBinding(HostAndPort server, Optional<InetSocketAddress> address,
    Optional<InetSocketAddress> localAddress, Optional<InetSocketAddress> mappedAddress, Optional<Duration> rtt,
    int transmissions, Duration elapsed, Optional<String> software, Optional<InetSocketAddress> responseOrigin,
    Optional<InetSocketAddress> otherAddress, NatBehavior nat, Optional<String> failure) {

  /** Checks for nulls. */
  public StunBinding {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(mappedAddress, "mappedAddress");
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(software, "software");
    Objects.requireNonNull(responseOrigin, "responseOrigin");
    Objects.requireNonNull(otherAddress, "otherAddress");
    Objects.requireNonNull(nat, "nat");
    Objects.requireNonNull(failure, "failure");
  }

  /** True when the server answered. */
  public boolean answered() {
    return mappedAddress.isPresent();
  }

  /**
   * Plain details: {@code server}, {@code resolvedAddress}, {@code mappedAddress}, {@code rttMs},
   * {@code transmissions}, and what else is known.
   */
  public Details toDetails() {
    Details.Builder b = Details.builder().put("server", server.toString());
    address.ifPresent(a -> b.put("resolvedAddress", HostAndPort.of(a).toString()));
    mappedAddress.ifPresent(a -> b.put("mappedAddress", HostAndPort.of(a).toString()));
    rtt.ifPresent(d -> b.put("rttMs", IceOutcomes.millis(d)));
    b.put("transmissions", transmissions);
    localAddress.ifPresent(a -> b.put("localAddress", HostAndPort.of(a).toString()));
    software.ifPresent(s -> b.put("software", s));
    responseOrigin.ifPresent(a -> b.put("responseOrigin", HostAndPort.of(a).toString()));
    otherAddress.ifPresent(a -> b.put("otherAddress", HostAndPort.of(a).toString()));
    b.put("natMapping", nat.mapping().jsonName()).put("natFiltering", nat.filtering().jsonName());
    failure.ifPresent(f -> b.put("failure", f));
    return b.build();
  }
}
