package org.xphonediag.stun.turn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.net.HostAndPort;

/**
 * What one TURN server URI gave, the relay as one entry of {@link TurnRelays} (RFC 8656 §7, §9-§11, docs/field-guide.md#connection-test): the allocation (relayed and
 * mapped address, lifetime, round-trip time of the authenticated Allocate), the data round trip
 * through the relay, whether the allocation was released, or the failure that stopped it. Holds no
 * credentials. Immutable.
 *
 * @param uri the URI tried
 * @param server the server address used, once resolved
 * @param realm the REALM the server announced
 * @param software the server's SOFTWARE
 * @param relayedAddress XOR-RELAYED-ADDRESS of the allocation
 * @param mappedAddress XOR-MAPPED-ADDRESS: the client as the server saw it
 * @param lifetime LIFETIME of the allocation
 * @param allocationRtt round trip of the authenticated Allocate
 * @param peer the peer the data went to
 * @param dataRtt round trip Send indication -> peer -> Data indication
 * @param channelRtt round trip ChannelData -> peer -> ChannelData, when a channel was bound (RFC 8656 §12)
 * @param peerReceived datagrams the check's own peer received (-1 for an external peer)
 * @param released whether Refresh with LIFETIME 0 was answered with success
 * @param failure the finding that stopped the attempt
 */
public record TurnRelay(TurnUri uri, Optional<InetSocketAddress> server, Optional<String> realm,
    Optional<String> software, Optional<InetSocketAddress> relayedAddress, Optional<InetSocketAddress> mappedAddress,
    Optional<Duration> lifetime, Optional<Duration> allocationRtt, Optional<InetSocketAddress> peer,
    Optional<Duration> dataRtt, Optional<Duration> channelRtt, int peerReceived, boolean released, Optional<Failure> failure) {

  /** Requires every component. */
  public TurnRelay {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(software, "software");
    Objects.requireNonNull(relayedAddress, "relayedAddress");
    Objects.requireNonNull(mappedAddress, "mappedAddress");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(allocationRtt, "allocationRtt");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(dataRtt, "dataRtt");
    Objects.requireNonNull(channelRtt, "channelRtt");
    Objects.requireNonNull(failure, "failure");
  }

  /**
   * Why the attempt stopped.
   *
   * @param code the catalogue code ({@code turn.*} or {@code tls.untrusted})
   * @param message what, rule, actual value, where
   * @param errorCode the STUN ERROR-CODE, when the server sent one
   * @param step the step that failed: {@code connect}, {@code allocate}, {@code create-permission}, {@code data},
   *     {@code channel-bind}, {@code channel-data}
   */
  public record Failure(FindingCode code, String message, Optional<Integer> errorCode, String step) {
    /** Requires every component. */
    public Failure {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(step, "step");
    }
  }

  /** True when the allocation and the data round trip both worked. */
  public boolean works() {
    return failure.isEmpty() && dataRtt.isPresent();
  }

  /** True when an allocation was made (whether or not data went through). */
  public boolean allocated() {
    return relayedAddress.isPresent();
  }

  /**
   * Plain details: uri, transport, addresses as {@code ip:port}, times in ms, {@code released} (only
   * when there was an allocation), {@code works}, the failure's code, step and ERROR-CODE.
   */
  public Details toDetails() {
    Details.Builder b = Details.builder().put("uri", uri.toString()).put("transport", uri.transport().jsonName());
    server.ifPresent(s -> b.put("server", HostAndPort.of(s).toString()));
    realm.ifPresent(r -> b.put("realm", r));
    software.ifPresent(s -> b.put("software", s));
    relayedAddress.ifPresent(a -> b.put("relayedAddress", HostAndPort.of(a).toString()));
    mappedAddress.ifPresent(a -> b.put("mappedAddress", HostAndPort.of(a).toString()));
    lifetime.ifPresent(l -> b.put("lifetimeSeconds", l.toSeconds()));
    allocationRtt.ifPresent(r -> b.put("allocationRttMs", millis(r)));
    peer.ifPresent(p -> b.put("peer", HostAndPort.of(p).toString()));
    dataRtt.ifPresent(r -> b.put("dataRttMs", millis(r)));
    channelRtt.ifPresent(r -> b.put("channelRttMs", millis(r)));
    if (peerReceived >= 0) {
      b.put("peerReceived", peerReceived);
    }
    if (relayedAddress.isPresent()) {
      b.put("released", released);
    }
    b.put("works", works());
    failure.ifPresent(f -> {
      b.put("failure", f.code().code());
      b.put("failedStep", f.step());
      f.errorCode().ifPresent(c -> b.put("errorCode", c));
    });
    return b.build();
  }

  /** Milliseconds with three decimals, as the details give round-trip times. */
  public static double millis(Duration d) {
    return Math.round(d.toNanos() / 1000.0) / 1000.0;
  }
}
