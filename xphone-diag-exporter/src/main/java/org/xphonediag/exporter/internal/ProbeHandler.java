package org.xphonediag.exporter.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.report.TextReportWriter;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.exporter.DoctorCustomizer;
import org.xphonediag.exporter.ProbeModule;
import org.xphonediag.exporter.SecretSource;
import org.xphonediag.exporter.internal.ExporterMetrics.Outcome;
import org.xphonediag.metrics.ReportMetrics;

/**
 * {@code GET /probe?target=PROFILE&module=M[&debug=true]}: runs the module's checks for the target's
 * profile and answers its metrics ({@link ProbeMetrics}). The probe's deadline is Prometheus's
 * {@code X-Prometheus-Scrape-Timeout-Seconds} less the offset, at most the maximum (the maximum
 * alone without the header). At most {@code maxConcurrent} probes run at once; a probe beyond that
 * waits for a slot at most the queue wait (never past its deadline, and the wait counts against
 * it), then gets 503. Errors are one line of text, never a stack trace or a secret.
 */
public final class ProbeHandler implements HttpHandler {
  /** The header Prometheus sends with every scrape. */
  public static final String TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
  private static final Logger LOG = LoggerFactory.getLogger(ProbeHandler.class);

  /** The handler's settings. */
  public record Settings(Duration timeoutOffset, Duration maxTimeout, int maxConcurrent, Duration queueWait,
      SecretSource secrets, DoctorCustomizer customizer) {}

  private final ProfileDirectory profiles;
  private final Settings settings;
  private final ExporterMetrics metrics;
  private final Semaphore slots;

  public ProbeHandler(ProfileDirectory profiles, Settings settings, ExporterMetrics metrics) {
    this.profiles = profiles;
    this.settings = settings;
    this.metrics = metrics;
    this.slots = new Semaphore(settings.maxConcurrent(), true);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    long start = System.nanoTime();
    String moduleLabel = "unknown";
    try {
      if (!Answers.readOnly(ex)) {
        return;
      }
      Map<String, String> q = Answers.query(ex);
      String moduleName = q.getOrDefault("module", "");
      ProbeModule module = moduleName.isEmpty() ? ProbeModule.DOCTOR : ProbeModule.byName(moduleName)
          .orElseThrow(() -> new ProbeException(400, "unknown module '" + Answers.printable(moduleName) + "'; one of "
              + ProbeModule.names()));
      moduleLabel = module.parameterValue();
      String target = q.getOrDefault("target", "");
      if (target.isEmpty()) {
        throw new ProbeException(400, "the target parameter is missing: /probe?target=PROFILE&module="
            + module.parameterValue());
      }
      Duration timeout = timeout(ex.getRequestHeaders().getFirst(TIMEOUT_HEADER));
      DeploymentProfile profile = profiles.load(target);
      Doctor doctor = doctor(target, profile);
      Report report = runInSlot(doctor, module, timeout, start);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      ReportMetrics values = ReportMetrics.of(report);
      boolean success = ProbeMetrics.succeeded(values);
      metrics.probe(moduleLabel, success ? Outcome.SUCCESS : Outcome.FAILURE, took);
      LOG.debug("probe target={} module={} status={} success={} took={} ms", target, moduleLabel, report.status(),
          success, took.toMillis());
      if ("true".equals(q.get("debug"))) {
        debug(ex, report, ProbeMetrics.of(values, took, timeout));
      } else {
        Answers.metrics(ex, ProbeMetrics.of(values, took, timeout));
      }
    } catch (ProbeException e) {
      Outcome o = e.status() == 503 ? Outcome.BUSY : e.status() >= 500 ? Outcome.ERROR : Outcome.INVALID;
      metrics.probe(moduleLabel, o, Duration.ofNanos(System.nanoTime() - start));
      if (o == Outcome.ERROR) {
        LOG.warn("probe {}: {}", ex.getRequestURI().getPath(), e.getMessage());
      }
      if (e.status() == 503) {
        ex.getResponseHeaders().set("Retry-After", "1");
      }
      Answers.text(ex, e.status(), "xphone-diag exporter: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      metrics.probe(moduleLabel, Outcome.ERROR, Duration.ofNanos(System.nanoTime() - start));
      Answers.text(ex, 503, "xphone-diag exporter: shutting down");
    } catch (RuntimeException e) {
      metrics.probe(moduleLabel, Outcome.ERROR, Duration.ofNanos(System.nanoTime() - start));
      LOG.error("probe failed with an internal error", e);
      Answers.text(ex, 500, "xphone-diag exporter: internal error (" + e.getClass().getSimpleName()
          + "); the exporter's log has the details");
    }
  }

  /** The probe's deadline from the scrape timeout header, the offset and the maximum. */
  Duration timeout(String header) throws ProbeException {
    if (header == null || header.isBlank()) {
      return settings.maxTimeout();
    }
    double seconds;
    try {
      seconds = Double.parseDouble(header.strip());
    } catch (NumberFormatException e) {
      seconds = Double.NaN;
    }
    if (!Double.isFinite(seconds) || seconds <= 0) {
      throw new ProbeException(400, TIMEOUT_HEADER + " must be a positive number of seconds but was '"
          + Answers.printable(header) + "'");
    }
    Duration scrape = Duration.ofNanos((long) (Math.min(seconds, 86_400) * 1e9));
    Duration left = scrape.minus(settings.timeoutOffset());
    if (left.isNegative() || left.isZero()) {
      throw new ProbeException(400, String.format(Locale.ROOT, "a scrape timeout of %.3f s leaves no time for the "
          + "probe after the offset of %.3f s; raise scrape_timeout", seconds,
          settings.timeoutOffset().toNanos() / 1e9));
    }
    return left.compareTo(settings.maxTimeout()) < 0 ? left : settings.maxTimeout();
  }

  private Doctor doctor(String target, DeploymentProfile profile) throws ProbeException {
    Doctor.Builder b = Doctor.builder(profile);
    if (profile.passwordEnv().isPresent()) {
      b.password(secret(target, "passwordEnv", profile.passwordEnv().get()));
    }
    if (profile.turnPasswordEnv().isPresent()) {
      b.turnPassword(secret(target, "turnPasswordEnv", profile.turnPasswordEnv().get()));
    }
    settings.customizer().customize(target, profile, b);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ProbeException(500, "profile '" + target + "' is not usable: " + e.getMessage());
    }
  }

  private Secret secret(String target, String key, String name) throws ProbeException {
    Optional<Secret> s = settings.secrets().secret(name);
    return s.orElseThrow(() -> new ProbeException(500, "profile '" + target + "' names " + key + " " + name
        + ", which is not set in the exporter's environment"));
  }

  private Report runInSlot(Doctor doctor, ProbeModule module, Duration timeout, long start)
      throws ProbeException, InterruptedException {
    Duration wait = settings.queueWait().compareTo(timeout) < 0 ? settings.queueWait() : timeout;
    if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new ProbeException(503, settings.maxConcurrent() + " probes are already running (the most at once) "
          + "and none ended within " + wait.toMillis() + " ms; retry later or raise the limit");
    }
    metrics.started();
    try {
      Duration left = timeout.minusNanos(System.nanoTime() - start);
      if (left.toMillis() < 1) {
        throw new ProbeException(503, "the probe waited its whole deadline for a slot");
      }
      return ProbeRun.run(doctor, module, left);
    } catch (UncheckedIOException e) {
      throw new ProbeException(500, "the profile's files cannot be read: " + e.getMessage());
    } finally {
      metrics.ended();
      slots.release();
    }
  }

  private static void debug(HttpExchange ex, Report report,
      io.prometheus.metrics.model.snapshots.MetricSnapshots snapshots) throws IOException {
    StringWriter w = new StringWriter();
    TextReportWriter.builder().build().write(report, w);
    w.write("\nMetrics that would have been returned:\n");
    w.write(Answers.writer(null).toDebugString(snapshots));
    Answers.send(ex, 200, "text/plain; charset=utf-8", w.toString().getBytes(StandardCharsets.UTF_8));
  }
}
