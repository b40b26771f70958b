package org.xphonediag.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Publishes {@link Report}s to a Micrometer {@link MeterRegistry}, for a partner's own service that
 * runs checks or the doctor and already exports its metrics through Micrometer. The gauges always
 * show the latest published report: a check, finding or round trip that the next report no longer
 * has is removed from the registry. Values come from {@link ReportMetrics}.
 *
 * <p>Meters (Prometheus names in brackets, as Micrometer's Prometheus registry writes them):
 * <ul>
 * <li>{@code xphone.diag.report.status} {@code status}: 1 for the report's status, 0 for the others
 *     [{@code xphone_diag_report_status}]; {@code xphone.diag.report.duration} [{@code _seconds}]
 * <li>{@code xphone.diag.check.status} {@code check}, {@code status}: 1 for the check's status, 0 for
 *     the other four [{@code xphone_diag_check_status}]; {@code xphone.diag.check.duration} {@code check}
 *     [{@code xphone_diag_check_duration_seconds}]
 * <li>{@code xphone.diag.finding} {@code code}, {@code severity}: how many findings
 *     [{@code xphone_diag_finding}]
 * <li>{@code xphone.diag.tls.not.after} {@code check}, {@code position} (0 = leaf), {@code subject}:
 *     seconds since the epoch [{@code xphone_diag_tls_not_after_seconds}]
 * <li>{@code xphone.diag.stun.rtt} {@code check}, {@code server}; {@code xphone.diag.turn.rtt}
 *     {@code check}, {@code uri}, {@code step} ({@code allocation}, {@code data}, {@code channel})
 *     [{@code xphone_diag_stun_rtt_seconds}, {@code xphone_diag_turn_rtt_seconds}]
 * </ul>
 * Labels carry check ids, finding codes, statuses, server addresses, TURN URIs and certificate
 * subjects: never a credential (reports hold none).
 *
 * <pre>{@code
 * ReportMeters meters = ReportMeters.builder(registry).tags(Tags.of("deployment", "acme")).build();
 * meters.publish(Doctor.builder(profile).build().run(DiagListener.none()));   // e.g. every 5 minutes
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} removes every meter this instance registered; it is idempotent.
 * Needs {@code io.micrometer:micrometer-core} on the class path (an optional dependency of this module).
 */
public final class ReportMeters implements AutoCloseable {
  private final MeterRegistry registry;
  private final Tags tags;
  private final Map<Key, Holder> meters = new HashMap<>();
  private boolean closed;

  /** A gauge's current value: the registry holds the gauge, this instance the state it reads. */
  private static final class Holder {
    Meter meter;
    volatile double value;
  }

  private ReportMeters(Builder b) {
    this.registry = b.registry;
    this.tags = b.tags;
  }

  /** A builder publishing to {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /**
   * Shows {@code report} in the registry: updates the gauges it shares with the previous report,
   * registers new ones and removes those it no longer has.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized void publish(Report report) {
    if (closed) {
      throw new IllegalStateException("ReportMeters is closed");
    }
    Map<Key, Double> next = samples(ReportMetrics.of(report));
    Map<Key, Holder> kept = new HashMap<>();
    for (Map.Entry<Key, Double> e : next.entrySet()) {
      Holder h = meters.remove(e.getKey());
      if (h == null) {
        h = register(e.getKey());
      }
      h.value = e.getValue();
      kept.put(e.getKey(), h);
    }
    meters.values().forEach(h -> registry.remove(h.meter));
    meters.clear();
    meters.putAll(kept);
  }

  /** Removes every meter registered by this instance. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    meters.values().forEach(h -> registry.remove(h.meter));
    meters.clear();
  }

  private Holder register(Key k) {
    Holder h = new Holder();
    h.meter = k.time
        ? TimeGauge.builder(k.name, h, TimeUnit.SECONDS, s -> s.value).tags(tags.and(k.tags))
            .description(k.description).register(registry)
        : Gauge.builder(k.name, h, s -> s.value).tags(tags.and(k.tags)).baseUnit(k.unit)
            .description(k.description).register(registry);
    return h;
  }

  /** One gauge: name, tags, whether it is a time (seconds), base unit, help text. The map holds its state strongly. */
  private record Key(String name, Tags tags, boolean time, String unit, String description) {}

  private static Map<Key, Double> samples(ReportMetrics m) {
    Map<Key, Double> s = new LinkedHashMap<>();
    for (Status st : Status.values()) {
      s.put(new Key("xphone.diag.report.status", Tags.of("status", st.name()), false, null,
          "1 for the report's status, 0 for the others"), st == m.status() ? 1.0 : 0.0);
    }
    s.put(new Key("xphone.diag.report.duration", Tags.empty(), true, "seconds", "how long the run took"),
        seconds(m.elapsed()));
    for (ReportMetrics.CheckSample c : m.checks()) {
      for (Status st : Status.values()) {
        s.put(new Key("xphone.diag.check.status", Tags.of("check", c.check(), "status", st.name()), false, null,
            "1 for the check's status, 0 for the others"), st == c.status() ? 1.0 : 0.0);
      }
      s.put(new Key("xphone.diag.check.duration", Tags.of("check", c.check()), true, "seconds",
          "how long the check ran"), seconds(c.elapsed()));
    }
    for (ReportMetrics.FindingCount f : m.findings()) {
      s.put(new Key("xphone.diag.finding", Tags.of("code", f.code(), "severity", f.severity().name()), false, null,
          "findings of this code in the report"), (double) f.count());
    }
    for (ReportMetrics.CertificateExpiry c : m.certificates()) {
      s.put(new Key("xphone.diag.tls.not.after", Tags.of(Tag.of("check", c.check()),
          Tag.of("position", Integer.toString(c.position())), Tag.of("subject", c.subject())), false, "seconds",
          "the certificate's notAfter, seconds since the epoch"), (double) c.notAfter().getEpochSecond());
    }
    for (ReportMetrics.RoundTrip r : m.roundTrips()) {
      Key k = r.kind() == ReportMetrics.RoundTripKind.STUN
          ? new Key("xphone.diag.stun.rtt", Tags.of("check", r.check(), "server", r.server()), true, "seconds",
              "classic STUN Binding round trip")
          : new Key("xphone.diag.turn.rtt", Tags.of("check", r.check(), "uri", r.server(), "step",
              r.kind().labelValue()), true, "seconds", "TURN round trip");
      s.put(k, seconds(r.rtt()));
    }
    return s;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** Options of a {@link ReportMeters}; not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags tags = Tags.empty();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Tags added to every meter, e.g. {@code deployment=acme} when one registry shows several deployments. */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
      return this;
    }

    public ReportMeters build() {
      return new ReportMeters(this);
    }
  }
}
