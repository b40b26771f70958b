package org.xphonediag.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one ICE connectivity check (RFC 8445 §7.2.5): what came back, the mapped address
 * of a success, the error code of a rejection, the response's integrity, round-trip time,
 * transmissions sent and datagrams ignored. Immutable.
 *
 * @param outcome what came back
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
public record IceProbeResult(Outcome outcome, InetSocketAddress target, Optional<InetSocketAddress> mappedAddress,
    Optional<Integer> errorCode, Optional<String> errorReason, Verification integrity, Optional<Duration> rtt,
    int transmissions, Duration elapsed, int ignored) {

  /** What a probe got back. */
  public enum Outcome {
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
  public IceProbeResult {
    Objects.requireNonNull(outcome, "outcome");
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
    return outcome == Outcome.SUCCESS ? "success" : outcome == Outcome.ERROR ? "error" : "none";
  }
}
