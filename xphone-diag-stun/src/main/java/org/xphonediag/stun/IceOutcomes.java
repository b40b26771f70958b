package org.xphonediag.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.internal.UdpTransaction;

/** Turns transaction outcomes into {@link IceAnswer}s and those into findings (docs/field-guide.md#media). */
final class IceOutcomes {
  private IceOutcomes() {}

  static IceAnswer toResult(InetSocketAddress target, UdpTransaction.Outcome o) {
    Duration elapsed = Duration.ofNanos(o.elapsedNanos());
    switch (o.kind()) {
      case RESPONSE: {
        StunMessage m = o.response();
        boolean success = m.messageClass() == StunClass.SUCCESS_RESPONSE;
        return new IceAnswer(success ? IceAnswer.Kind.SUCCESS : IceAnswer.Kind.ERROR, target,
            success ? m.mappedAddress() : Optional.empty(), m.errorCode(), m.errorReason(), m.integrity(),
            Optional.of(Duration.ofNanos(o.rttNanos())), o.transmissions(), elapsed, o.strays());
      }
      case UNREACHABLE:
        return new IceAnswer(IceAnswer.Kind.UNREACHABLE, target, Optional.empty(), Optional.empty(),
            Optional.empty(), Verification.ABSENT, Optional.empty(), o.transmissions(), elapsed, o.strays());
      case NETWORK_ERROR:
        return new IceAnswer(IceAnswer.Kind.UNREACHABLE, target, Optional.empty(), Optional.empty(),
            Optional.ofNullable(o.error()), Verification.ABSENT, Optional.empty(), o.transmissions(), elapsed,
            o.strays());
      default:
        return new IceAnswer(IceAnswer.Kind.SILENT, target, Optional.empty(), Optional.empty(),
            Optional.empty(), Verification.ABSENT, Optional.empty(), o.transmissions(), elapsed, o.strays());
    }
  }

  /** Adds {@code r} as the outcome, and its summary and findings, to {@code b}. */
  static void describe(IceAnswer r, CheckResult.Builder b) {
    String where = r.where();
    b.outcome(r);
    String tries = String.format(Locale.ROOT, "after %d transmission%s in %s", r.transmissions(),
        r.transmissions() == 1 ? "" : "s", seconds(r.elapsed()));
    switch (r.kind()) {
      case SUCCESS:
        b.summary("binding success from " + where + r.mappedAddress().map(a -> ", mapped " + HostAndPort.of(a))
            .orElse(""));
        if (r.integrity() != Verification.VALID) {
          b.finding(FindingCatalog.STUN_INTEGRITY_INVALID.finding(String.format(Locale.ROOT,
              "success response from %s: MESSAGE-INTEGRITY must verify with the remote ice-pwd but was %s",
              where, r.integrity().jsonName())).evidence("target", where).evidence("integrity",
              r.integrity().jsonName()).build());
        }
        break;
      case ERROR:
        b.summary("binding rejected by " + where);
        b.finding(FindingCatalog.MEDIA_BINDING_REJECTED.finding(String.format(Locale.ROOT,
            "binding request to %s was answered with error %s%s", where, r.errorCode().map(String::valueOf)
                .orElse("(no ERROR-CODE)"), r.errorReason().map(s -> " (" + s + ")").orElse("")))
            .evidence("target", where).evidence("errorCode", r.errorCode().orElse(0)).build());
        break;
      case UNREACHABLE:
        b.summary("ICMP port unreachable from " + where);
        b.finding(FindingCatalog.MEDIA_PORT_UNREACHABLE.finding(String.format(Locale.ROOT,
            "ICMP port unreachable for binding requests to %s %s%s", where, tries,
            r.errorReason().map(s -> " (" + s + ")").orElse(""))).evidence("target", where).build());
        break;
      default:
        b.summary("no answer from " + where + " (inconclusive)");
        b.finding(FindingCatalog.MEDIA_PORT_SILENT.finding(String.format(Locale.ROOT,
            "no answer from %s %s; inconclusive: an XCC only answers ports of a live call with matching "
                + "credentials", where, tries)).evidence("target", where)
            .evidence("transmissions", r.transmissions()).build());
    }
  }

  static double millis(Duration d) {
    return Math.round(d.toNanos() / 10_000.0) / 100.0;
  }

  static String seconds(Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + " ms";
    }
    double s = d.toMillis() / 1000.0;
    return (s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
  }
}
