package org.xphonediag.sip;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Outcome;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Transport;

/**
 * What a {@link SipClient} got back, the typed outcome of {@link SipRequestCheck}: how the exchange
 * ended, the final status code and reason, the provisional codes, how long the answer took, and what the client did to leave no call behind ({@code ack},
 * {@code cancel}, {@code bye}). Immutable and thread-safe.
 *
 * <p>{@link #toResult(CheckId)} maps it to findings (docs/field-guide.md#xcc-acls,
 * #failure-patterns): 403 is {@code sip.forbidden},
 * 488 {@code sip.not-acceptable}, silence {@code sip.no-answer}, a transport error (TCP connection
 * refused, ICMP port unreachable over UDP) {@code network.port-closed}; any 2xx passes; another final
 * code is a WARN.
 */
public final class SipAnswer implements Outcome {

  /** How the exchange ended. */
  public enum Kind {
    /** A final response arrived. */
    ANSWERED,
    /** No final response before the deadline (perhaps provisional ones). */
    NO_ANSWER,
    /**
     * The request could not be sent or the transport failed: TCP connection refused, ICMP port
     * unreachable over UDP (nothing listens on the port), no route.
     */
    TRANSPORT_ERROR
  }

  private final SipMethod method;
  private final SipUri target;
  private final Transport transport;
  private final Kind kind;
  private final int statusCode;
  private final String reason;
  private final List<Integer> provisional;
  private final Duration elapsed;
  private final Duration timeout;
  private final List<String> cleanup;
  private final String error;

  SipAnswer(SipMethod method, SipUri target, Transport transport, Kind kind, int statusCode,
      String reason, List<Integer> provisional, Duration elapsed, Duration timeout, List<String> cleanup,
      String error) {
    this.method = Objects.requireNonNull(method, "method");
    this.target = Objects.requireNonNull(target, "target");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.statusCode = statusCode;
    this.reason = reason;
    this.provisional = List.copyOf(provisional);
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.cleanup = List.copyOf(cleanup);
    this.error = error;
  }

  public SipMethod method() {
    return method;
  }

  public SipUri target() {
    return target;
  }

  public Transport transport() {
    return transport;
  }

  /** How the exchange ended. */
  public Kind kind() {
    return kind;
  }

  /** The final status code, when answered. */
  public OptionalInt statusCode() {
    return kind == Kind.ANSWERED ? OptionalInt.of(statusCode) : OptionalInt.empty();
  }

  /** The final reason phrase, when answered. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** The provisional status codes received, in order (e.g. 100, 180). */
  public List<Integer> provisional() {
    return provisional;
  }

  /** From sending the request to the final answer (or to giving up). */
  public Duration elapsed() {
    return elapsed;
  }

  /** The deadline the client used. */
  public Duration timeout() {
    return timeout;
  }

  /** What the client sent to end what it started, in order: {@code ack}, {@code cancel}, {@code bye}. */
  public List<String> cleanup() {
    return cleanup;
  }

  /**
   * What went wrong: for {@link Kind#TRANSPORT_ERROR} what failed (e.g. TCP connection refused, ICMP
   * port unreachable); for {@link Kind#NO_ANSWER} over TCP, why the wait ended (the connection was
   * not established in time, the peer closed it, or sent what cannot be read as SIP); else empty.
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /**
   * {@code method}, {@code target}, {@code transport}, {@code outcome} ({@code answered},
   * {@code no-answer}, {@code transport-error}), for an answer {@code statusCode} and {@code reason},
   * then {@code provisional}, {@code elapsed} and {@code cleanup}.
   */
  @Override
  public Details details() {
    Details.Builder b = Details.builder().put("method", method.name()).put("target", target.toString())
        .put("transport", transport).put("outcome", kind);
    if (kind == Kind.ANSWERED) {
      b.put("statusCode", statusCode).put("reason", reason == null ? "" : reason);
    }
    return b.put("provisional", provisional).put("elapsed", elapsed).put("cleanup", cleanup).build();
  }

  /** This answer as a check result: findings, summary, and this answer as its outcome. */
  public CheckResult toResult(CheckId id) {
    String where = target.target() + "/" + transport.jsonName();
    CheckResult.Builder b = CheckResult.builder(id).title("SIP " + method + " probe").elapsed(elapsed).outcome(this);
    String answered = String.format(Locale.ROOT, "%s to %s answered %d %s", method, where, statusCode,
        reason == null ? "" : reason).strip();
    switch (kind) {
      case ANSWERED:
        if (statusCode == 403) {
          b.finding(FindingCatalog.SIP_FORBIDDEN.finding(answered + ": the XCC's ACL rejects this source address")
              .remedy("Check this host's address against the XCC's inbound ACL (docs/field-guide.md#xcc-acls, #failure-patterns): whitelist it or"
                  + " remove it from the blacklist; the FreeSWITCH log shows 'Rejected by acl'.")
              .evidence("statusCode", statusCode).build());
        } else if (statusCode == 488) {
          b.finding(FindingCatalog.SIP_NOT_ACCEPTABLE.finding(answered
              + ": the offer was refused, typically because the ACL denies the offered candidates")
              .remedy("Check the offered candidates against the XCC's candidate ACL (docs/field-guide.md#xcc-acls, #failure-patterns): at least"
                  + " one UDP candidate must be allowed.")
              .evidence("statusCode", statusCode).build());
        } else if (statusCode >= 300) {
          b.status(Status.WARN);
        }
        return b.summary(answered).build();
      case NO_ANSWER:
        String only = provisional.isEmpty() ? "" : " (provisional " + provisional + " only)";
        String msg = error == null
            ? String.format(Locale.ROOT, "no final SIP answer from %s to %s within %d ms%s", where, method,
                timeout.toMillis(), only)
            : String.format(Locale.ROOT, "no final SIP answer from %s to %s: %s after %d ms%s", where, method, error,
                elapsed.toMillis(), only);
        return b.finding(FindingCatalog.SIP_NO_ANSWER.finding(msg).evidence("timeoutMs", timeout.toMillis()).build())
            .summary(msg).build();
      default:
        String tmsg = String.format(Locale.ROOT, "could not send %s to %s: %s", method, where,
            error == null ? "transport error" : error);
        return b.finding(FindingCatalog.NETWORK_PORT_CLOSED.finding(tmsg).build()).summary(tmsg).build();
    }
  }

  @Override
  public String toString() {
    return "SipAnswer[" + method + " " + target + " " + kind
        + (kind == Kind.ANSWERED ? " " + statusCode + " " + reason : "")
        + (error == null ? "" : " (" + error + ")") + ", cleanup " + cleanup + "]";
  }
}
