package org.xphonediag.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;
import org.xphonediag.core.net.HostAndPort;

/**
 * The answer to one ICE connectivity check (RFC 8445 §7.2.5), the typed outcome of
 * {@link IceBindingCheck} ({@code stun.ice-probe}): what came back, the mapped address
 * of a success, the error code of a rejection, the response's integrity, round-trip time,
 * transmissions sent and datagrams ignored. Immutable.
 *
 * @param kind what came back
 * @param target where the request went
 * @param mappedAddress XOR-MAPPED-ADDRESS of a success response
 * @param errorCode the ERROR-CODE of an error response
 * @param errorReason its reason phrase
 * @param integrity the response's MESSAGE-INTEGRITY ({@link Verification#ABSENT} without a response)
 * @param rtt from the last transmission to the response
 * @param transmissions requests sent
 * @param elapsed from the first transmission to the end
 * @param ignored datagrams ignored: another transaction id, another source, not a response, bad fingerprint
 */
public record IceAnswer(Kind kind, InetSocketAddress target, Optional<InetSocketAddress> mappedAddress,
    Optional<Integer> errorCode, Optional<String> errorReason, Verification integrity, Optional<Duration> rtt,
    int transmissions, Duration elapsed, int ignored) implements Outcome {

  /** What a connectivity check got back. */
  public enum Kind {
    /** A success response. */
    SUCCESS,
    /** An error response. */
    ERROR,
    /** Nothing within the budget. */
    SILENT,
    /** ICMP port unreachable. */
    UNREACHABLE
  }

  /** Checks for nulls. */
  public IceAnswer {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mappedAddress, "mappedAddress");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorReason, "errorReason");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** {@code success}, {@code error} or {@code none}: the CLI's {@code data.response}. */
  public String response() {
    return kind == Kind.SUCCESS ? "success" : kind == Kind.ERROR ? "error" : "none";
  }

  /** The round-trip time in milliseconds with two decimals, as {@code rttMs}. */
  public Optional<Double> rttMs() {
    return rtt.map(IceOutcomes::millis);
  }

  /** {@code target/udp} as the details and messages name it. */
  String where() {
    return HostAndPort.of(target) + "/udp";
  }

  /**
   * {@code target}, {@code response}, then what is known of {@code mappedAddress}, {@code rttMs},
   * {@code errorCode}, {@code errorReason}, {@code integrity} (for an answer), {@code transmissions},
   * {@code ignored}.
   */
  @Override
  public Details details() {
    Details.Builder b = Details.builder().put("target", where()).put("response", response());
    mappedAddress.ifPresent(a -> b.put("mappedAddress", HostAndPort.of(a).toString()));
    rttMs().ifPresent(ms -> b.put("rttMs", ms));
    errorCode.ifPresent(c -> b.put("errorCode", c));
    errorReason.ifPresent(c -> b.put("errorReason", c));
    if (kind == Kind.SUCCESS || kind == Kind.ERROR) {
      b.put("integrity", integrity.jsonName());
    }
    return b.put("transmissions", transmissions).put("ignored", ignored).build();
  }
}
