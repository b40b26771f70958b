package org.xphonediag.exporter.internal;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import org.xphonediag.core.Status;
import org.xphonediag.metrics.ReportMetrics;

/**
 * The metrics of one probe, in a registry of its own (as blackbox_exporter does): {@code probe_success},
 * {@code probe_duration_seconds}, {@code probe_timeout_seconds} and the report's values from
 * {@link ReportMetrics} under the names {@link org.xphonediag.metrics.ReportMeters} gives them in
 * Prometheus: {@code xphone_diag_check_status{check,status}} (1 for the check's status, 0 for the
 * other four), {@code xphone_diag_check_duration_seconds{check}}, {@code xphone_diag_finding{code,severity}},
 * {@code xphone_diag_tls_not_after_seconds{check,position,subject}},
 * {@code xphone_diag_stun_rtt_seconds{check,server}}, {@code xphone_diag_turn_rtt_seconds{check,uri,step}}.
 */
public final class ProbeMetrics {
  private ProbeMetrics() {}

  /**
   * True when no check ended FAIL or ERROR and at least one check judged the target (PASS or WARN):
   * a probe whose checks were all SKIPPED (missing input) did not succeed.
   */
  public static boolean succeeded(ReportMetrics m) {
    boolean judged = false;
    for (ReportMetrics.CheckSample c : m.checks()) {
      if (c.status() == Status.FAIL || c.status() == Status.ERROR) {
        return false;
      }
      judged |= c.status() == Status.PASS || c.status() == Status.WARN;
    }
    return judged;
  }

  /** The snapshot to answer a probe with. */
  public static MetricSnapshots of(ReportMetrics m, Duration took, Duration timeout) {
    PrometheusRegistry r = new PrometheusRegistry();
    gauge(r, "probe_success", "Displays whether or not the probe was a success: no check FAIL or ERROR, "
        + "at least one PASS or WARN").set(succeeded(m) ? 1 : 0);
    seconds(r, "probe_duration_seconds", "Returns how long the probe took to complete in seconds").set(seconds(took));
    seconds(r, "probe_timeout_seconds", "Returns how long the probe timeout is in seconds").set(seconds(timeout));
    Gauge status = gauge(r, "xphone_diag_check_status", "1 for the check's status, 0 for the other four", "check",
        "status");
    Gauge duration = seconds(r, "xphone_diag_check_duration_seconds", "How long the check ran", "check");
    for (ReportMetrics.CheckSample c : m.checks()) {
      for (Status s : Status.values()) {
        status.labelValues(c.check(), s.name()).set(s == c.status() ? 1 : 0);
      }
      duration.labelValues(c.check()).set(seconds(c.elapsed()));
    }
    Gauge findings = gauge(r, "xphone_diag_finding", "Findings of this code in the report", "code", "severity");
    m.findings().forEach(f -> findings.labelValues(f.code(), f.severity().name()).set(f.count()));
    Gauge notAfter = seconds(r, "xphone_diag_tls_not_after_seconds",
        "The served certificate's notAfter in seconds since the epoch; position 0 is the leaf", "check", "position",
        "subject");
    m.certificates().forEach(c -> notAfter.labelValues(c.check(), Integer.toString(c.position()), c.subject())
        .set(c.notAfter().getEpochSecond()));
    Gauge stun = seconds(r, "xphone_diag_stun_rtt_seconds", "Classic STUN Binding round trip", "check", "server");
    Gauge turn = seconds(r, "xphone_diag_turn_rtt_seconds", "TURN round trip: allocation, data through the relay, "
        + "channel data", "check", "uri", "step");
    for (ReportMetrics.RoundTrip t : m.roundTrips()) {
      if (t.kind() == ReportMetrics.RoundTripKind.STUN) {
        stun.labelValues(t.check(), t.server()).set(seconds(t.rtt()));
      } else {
        turn.labelValues(t.check(), t.server(), t.kind().labelValue()).set(seconds(t.rtt()));
      }
    }
    return r.scrape();
  }

  private static Gauge gauge(PrometheusRegistry r, String name, String help, String... labels) {
    return Gauge.builder().name(name).help(help).labelNames(labels).register(r);
  }

  private static Gauge seconds(PrometheusRegistry r, String name, String help, String... labels) {
    return Gauge.builder().name(name).help(help).unit(Unit.SECONDS).labelNames(labels).register(r);
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
