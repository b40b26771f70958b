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
 * A {@link SipProbe} as a {@link Check} (docs/field-guide.md#xcc-acls, #failure-patterns): PASS on 2xx, {@code sip.forbidden} on
 * 403, {@code sip.not-acceptable} on 488, {@code sip.no-answer} on silence,
 * {@code network.port-closed} when the request cannot be sent or the port is closed (TCP refused,
 * ICMP port unreachable). The probe's deadline is cut to the context's remaining time; cancellation
 * is honoured while waiting. Its budget is the probe's timeout plus the clean-up grace plus 1 s of
 * slack for the last clean-up message and closing the socket.
 */
public final class SipProbeCheck implements Check {

  private final CheckId id;
  private final SipProbe probe;

  private SipProbeCheck(CheckId id, SipProbe probe) {
    this.id = Objects.requireNonNull(id, "id");
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  /** A check with id {@code sip.probe}. */
  public static SipProbeCheck of(SipProbe probe) {
    return new SipProbeCheck(CheckCatalog.SIP_PROBE, probe);
  }

  /** A check with the given id. */
  public static SipProbeCheck of(CheckId id, SipProbe probe) {
    return new SipProbeCheck(id, probe);
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return "SIP " + probe.method() + " to " + probe.target();
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(probe.timeout().plus(probe.cleanupGrace()).plusSeconds(1));
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    context.checkCancelled();
    Duration left = context.remaining();
    if (left.isZero()) {
      left = Duration.ofMillis(1);
    }
    return probe.run(left, context::isCancelled).toResult(id);
  }
}
