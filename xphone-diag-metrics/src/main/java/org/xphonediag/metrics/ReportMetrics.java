package org.xphonediag.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.stun.StunBindings;
import org.xphonediag.stun.turn.TurnRelay;
import org.xphonediag.stun.turn.TurnRelays;
import org.xphonediag.webapi.CertificateInfo;
import org.xphonediag.webapi.ServedChain;
import org.xphonediag.webapi.TlsInspection;

/**
 * The metric values of one {@link Report}: each check's status and duration, how often each finding
 * code occurs, the served certificates' expiry and the STUN and TURN round-trip times. This is the
 * one place that reads them out of a report; the exporter's {@code /probe} answer and
 * {@link ReportMeters} both take their values from here.
 *
 * <p>Certificates and round trips come from the checks' typed outcomes: the TLS check's
 * {@link TlsInspection} (leaf first), the classic STUN check's {@link StunBindings} (labelled by
 * server), the TURN check's {@link TurnRelays} (allocation, data and channel round trips, labelled by
 * URI), each labelled by the check's id; round trips are taken as the reports show them (STUN to
 * 0.01 ms, TURN to 0.001 ms). The health check's served chain ({@code webapi.health}, which has no
 * typed outcome) is read from its {@code chain} details: entries whose {@code notAfter} is a time.
 * Immutable.
 *
 * <pre>{@code
 * ReportMetrics m = ReportMetrics.of(report);
 * m.findings().forEach(f -> System.out.println(f.code() + " " + f.count()));
 * }</pre>
 */
public final class ReportMetrics {
  /** One check's status and how long it ran. */
  public record CheckSample(String check, Status status, Duration elapsed) {
    public CheckSample {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /** How many findings of one code and severity the report holds. */
  public record FindingCount(String code, Status severity, int count) {
    public FindingCount {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(severity, "severity");
    }
  }

  /** The expiry of one certificate of a served chain; position 0 is the leaf. */
  public record CertificateExpiry(String check, int position, String subject, Instant notAfter) {
    public CertificateExpiry {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(notAfter, "notAfter");
    }
  }

  /** What a round trip measured. */
  public enum RoundTripKind {
    /** A classic STUN Binding (docs/field-guide.md#media). */
    STUN,
    /** A TURN Allocate request. */
    TURN_ALLOCATION,
    /** Data sent through a TURN relay to the peer and back. */
    TURN_DATA,
    /** ChannelData through a bound TURN channel. */
    TURN_CHANNEL;

    /** The label value: {@code stun}, {@code allocation}, {@code data}, {@code channel}. */
    public String labelValue() {
      return this == STUN ? "stun" : name().substring("TURN_".length()).toLowerCase(Locale.ROOT);
    }
  }

  /** One measured round trip to a STUN server ({@code server} host:port) or through a TURN relay ({@code server} its URI). */
  public record RoundTrip(String check, RoundTripKind kind, String server, Duration rtt) {
    public RoundTrip {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(rtt, "rtt");
    }
  }

  private final Status status;
  private final Duration elapsed;
  private final List<CheckSample> checks;
  private final List<FindingCount> findings;
  private final List<CertificateExpiry> certificates;
  private final List<RoundTrip> roundTrips;

  private ReportMetrics(Report report) {
    this.status = report.status();
    this.elapsed = report.elapsed();
    List<CheckSample> cs = new ArrayList<>();
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    List<CertificateExpiry> certs = new ArrayList<>();
    List<RoundTrip> rtts = new ArrayList<>();
    for (CheckResult r : report.results()) {
      String check = r.id().value();
      cs.add(new CheckSample(check, r.status(), r.elapsed()));
      for (Finding f : r.findings()) {
        counts.merge(List.of(f.code(), f.severity()), 1, Integer::sum);
      }
      List<CertificateInfo> served = r.outcome(TlsInspection.class).map(TlsInspection::chain)
          .or(() -> r.outcome(ServedChain.class).map(ServedChain::certificates)).orElse(List.of());
      for (int i = 0; i < served.size(); i++) {
        certs.add(new CertificateExpiry(check, i, served.get(i).subject(), served.get(i).notAfter()));
      }
      r.outcome(StunBindings.class).ifPresent(s -> s.bindings().forEach(b -> b.rtt()
          .flatMap(rtt -> millis(Math.round(rtt.toNanos() / 10_000.0) / 100.0))
          .ifPresent(rtt -> rtts.add(new RoundTrip(check, RoundTripKind.STUN, b.server().toString(), rtt)))));
      r.outcome(TurnRelays.class).ifPresent(t -> t.relays().forEach(relay -> {
        String uri = relay.uri().toString();
        turn(relay.allocationRtt(), check, RoundTripKind.TURN_ALLOCATION, uri, rtts);
        turn(relay.dataRtt(), check, RoundTripKind.TURN_DATA, uri, rtts);
        turn(relay.channelRtt(), check, RoundTripKind.TURN_CHANNEL, uri, rtts);
      }));
    }
    rtts.sort(java.util.Comparator.comparing(RoundTrip::check).thenComparing(RoundTrip::server)
        .thenComparing(RoundTrip::kind));
    this.checks = List.copyOf(cs);
    List<FindingCount> fc = new ArrayList<>();
    counts.forEach((k, n) -> fc.add(new FindingCount((String) k.get(0), (Status) k.get(1), n)));
    this.findings = List.copyOf(fc);
    this.certificates = List.copyOf(certs);
    this.roundTrips = List.copyOf(rtts);
  }

  /** Reads the metric values of {@code report}. */
  public static ReportMetrics of(Report report) {
    return new ReportMetrics(Objects.requireNonNull(report, "report"));
  }

  /** The report's status: the worst check's. */
  public Status status() {
    return status;
  }

  /** How long the whole run took. */
  public Duration elapsed() {
    return elapsed;
  }

  /** Every check, in report order. */
  public List<CheckSample> checks() {
    return checks;
  }

  /** The count per finding code and severity, in order of first occurrence. */
  public List<FindingCount> findings() {
    return findings;
  }

  /** Every certificate of every served chain, per check in chain order. */
  public List<CertificateExpiry> certificates() {
    return certificates;
  }

  /** STUN and TURN round trips, ordered by check, server and kind. */
  public List<RoundTrip> roundTrips() {
    return roundTrips;
  }


  private static void turn(Optional<Duration> rtt, String check, RoundTripKind kind, String uri, List<RoundTrip> to) {
    rtt.flatMap(d -> millis(TurnRelay.millis(d))).ifPresent(d -> to.add(new RoundTrip(check, kind, uri, d)));
  }


  /** Milliseconds as the report shows them, as a duration; empty outside 0 to 1e9 ms. */
  private static Optional<Duration> millis(double ms) {
    return ms >= 0 && ms < 1e9 ? Optional.of(Duration.ofNanos(Math.round(ms * 1e6))) : Optional.empty();
  }

}
