package org.xphonediag.exporter.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The exporter's own metrics, served on {@code /metrics}: probes by module and outcome, their
 * durations, probes in flight, profile file reads, and the JVM's and process's metrics. Thread-safe.
 */
public final class ExporterMetrics {
  /** How a probe request ended. */
  public enum Outcome {
    /** Metrics answered, {@code probe_success 1}. */
    SUCCESS,
    /** Metrics answered, {@code probe_success 0}. */
    FAILURE,
    /** 503: every probe slot was busy for the whole queue wait. */
    BUSY,
    /** 4xx: a bad request (unknown target or module, malformed parameters). */
    INVALID,
    /** 5xx: a profile that cannot be used, a secret that is not set, an internal error. */
    ERROR;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter probes;
  private final Histogram durations;
  private final Gauge inFlight;

  public ExporterMetrics(LongSupplier profileReads, int maxConcurrent) {
    probes = Counter.builder().name("xphone_diag_exporter_probes_total")
        .help("Probe requests by module and outcome (success, failure, busy, invalid, error)")
        .labelNames("module", "outcome").register(registry);
    durations = Histogram.builder().name("xphone_diag_exporter_probe_duration_seconds").unit(Unit.SECONDS)
        .help("How long answered probes took, by module").labelNames("module").classicOnly()
        .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120).register(registry);
    inFlight = Gauge.builder().name("xphone_diag_exporter_probes_in_flight").help("Probes running now")
        .register(registry);
    Gauge.builder().name("xphone_diag_exporter_probes_max_concurrent").help("At most this many probes run at once")
        .register(registry).set(maxConcurrent);
    CounterWithCallback.builder().name("xphone_diag_exporter_profile_reads_total")
        .help("Profile files read: first reads and reloads after a change")
        .callback(cb -> cb.call(profileReads.getAsLong())).register(registry);
    JvmMetrics.builder().register(registry);
  }

  /** Records a probe request's outcome, and for answered probes its duration. */
  public void probe(String module, Outcome outcome, Duration took) {
    probes.labelValues(module, outcome.label()).inc();
    if (outcome == Outcome.SUCCESS || outcome == Outcome.FAILURE) {
      durations.labelValues(module).observe(took.toNanos() / 1e9);
    }
  }

  /** A probe started running (it holds a slot). */
  public void started() {
    inFlight.inc();
  }

  /** A probe stopped running. */
  public void ended() {
    inFlight.dec();
  }

  public MetricSnapshots scrape() {
    return registry.scrape();
  }
}
