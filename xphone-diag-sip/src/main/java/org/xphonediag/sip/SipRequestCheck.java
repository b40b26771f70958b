package org.xphonediag.sip;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;

/**
 * A SIP OPTIONS or INVITE sent by a {@link SipClient}, as a {@link Check} (docs/field-guide.md#xcc-acls,
 * #failure-patterns): PASS on 2xx, {@code sip.forbidden} on 403, {@code sip.not-acceptable} on 488,
 * {@code sip.no-answer} on silence, {@code network.port-closed} when the request cannot be sent or
 * the port is closed (TCP refused, ICMP port unreachable); the {@link SipAnswer} is the result's
 * outcome. The client's deadline is cut to the context's remaining time; the context's cancellation
 * is honoured while waiting. Its budget is the client's timeout plus the clean-up grace plus 1 s of
 * slack for the last clean-up message and closing the socket.
 *
 * <pre>{@code
 * SipRequestCheck check = SipRequestCheck.of(SipClient.builder(SipUri.parse("sip:10.0.0.5:5060")).build());
 * CheckResult r = check.run(StandaloneContext.builder(check.id()).budget(Duration.ofSeconds(8)).build());
 * r.outcome(SipAnswer.class).orElseThrow().statusCode();   // e.g. 403, with sip.forbidden
 * }</pre>
 */
public final class SipRequestCheck implements Check {

  private final CheckId id;
  private final SipClient client;

  private SipRequestCheck(CheckId id, SipClient client) {
    this.id = Objects.requireNonNull(id, "id");
    this.client = Objects.requireNonNull(client, "client");
  }

  /** A check with id {@code sip.probe}. */
  public static SipRequestCheck of(SipClient client) {
    return new SipRequestCheck(CheckCatalog.SIP_PROBE, client);
  }

  /** A check with the given id. */
  public static SipRequestCheck of(CheckId id, SipClient client) {
    return new SipRequestCheck(id, client);
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return "SIP " + client.method() + " to " + client.target();
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(client.timeout().plus(client.cleanupGrace()).plusSeconds(1));
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    context.checkCancelled();
    Duration left = context.remaining();
    if (left.isZero()) {
      left = Duration.ofMillis(1);
    }
    return client.exchange(left, context::isCancelled).toResult(id);
  }
}
