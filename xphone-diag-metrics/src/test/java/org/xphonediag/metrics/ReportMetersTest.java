package org.xphonediag.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReportMetersTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void publishShowsStatusesFindingsCertificatesAndRoundTrips() {
    try (ReportMeters meters = ReportMeters.builder(registry).tags(Tags.of("deployment", "acme")).build()) {
      meters.publish(SampleReports.faulty());
      assertEquals(1.0, gauge("xphone.diag.check.status", "check", "signalr.hub", "status", "FAIL"));
      assertEquals(0.0, gauge("xphone.diag.check.status", "check", "signalr.hub", "status", "PASS"));
      assertEquals(5, registry.find("xphone.diag.check.status").tag("check", "signalr.hub").gauges().size());
      assertEquals(1.0, gauge("xphone.diag.report.status", "status", "FAIL"));
      assertEquals(1.0, gauge("xphone.diag.finding", "code", "signalr.websocket-blocked", "severity", "FAIL"));
      assertEquals(1_828_117_856.0, gauge("xphone.diag.tls.not.after", "check", "tls.chain", "position", "0"));
      assertEquals(0.0309, time("xphone.diag.stun.rtt", "server", "203.0.113.5:3478"), 1e-9);
      assertEquals(0.00026, time("xphone.diag.turn.rtt", "step", "data"), 1e-9);
      assertEquals(1.1, time("xphone.diag.check.duration", "check", "signalr.hub"), 1e-9);
      for (Meter m : registry.getMeters()) {
        assertEquals("acme", m.getId().getTag("deployment"), m.getId().toString());
      }
    }
  }

  @Test
  void theNextReportUpdatesGaugesAndRemovesWhatItNoLongerHas() {
    try (ReportMeters meters = ReportMeters.builder(registry).build()) {
      meters.publish(SampleReports.faulty());
      Gauge hubFail = registry.find("xphone.diag.check.status").tags("check", "signalr.hub", "status", "FAIL").gauge();
      meters.publish(SampleReports.healthy());
      assertEquals(0.0, hubFail.value(), "the same gauge follows the latest report");
      assertEquals(1.0, gauge("xphone.diag.check.status", "check", "signalr.hub", "status", "PASS"));
      assertNull(registry.find("xphone.diag.finding").gauge(), "the finding is gone");
      assertNull(registry.find("xphone.diag.turn.rtt").timeGauge(), "the TURN check is gone");
      assertNull(registry.find("xphone.diag.check.status").tag("check", "webapi.softphone-reinit").gauge());
      assertEquals(1.0, gauge("xphone.diag.report.status", "status", "PASS"));
    }
  }

  @Test
  void closeRemovesEveryMeterAndLaterPublishIsRefused() {
    ReportMeters meters = ReportMeters.builder(registry).build();
    meters.publish(SampleReports.faulty());
    assertTrue(registry.getMeters().size() > 20);
    meters.close();
    meters.close();
    assertEquals(0, registry.getMeters().size());
    assertThrows(IllegalStateException.class, () -> meters.publish(SampleReports.healthy()));
  }

  @Test
  void twoInstancesWithDifferentTagsShareOneRegistry() {
    try (ReportMeters a = ReportMeters.builder(registry).tags(Tags.of("deployment", "a")).build();
        ReportMeters b = ReportMeters.builder(registry).tags(Tags.of("deployment", "b")).build()) {
      a.publish(SampleReports.faulty());
      b.publish(SampleReports.healthy());
      assertEquals(1.0, registry.find("xphone.diag.report.status").tags("deployment", "a", "status", "FAIL")
          .gauge().value());
      assertEquals(1.0, registry.find("xphone.diag.report.status").tags("deployment", "b", "status", "PASS")
          .gauge().value());
      a.close();
      assertNull(registry.find("xphone.diag.report.status").tag("deployment", "a").gauge());
      assertEquals(1.0, registry.find("xphone.diag.report.status").tags("deployment", "b", "status", "PASS")
          .gauge().value());
    }
  }

  private double gauge(String name, String... tags) {
    Gauge g = registry.find(name).tags(tags).gauge();
    assertTrue(g != null, "no gauge " + name + " " + String.join(",", tags));
    return g.value();
  }

  private double time(String name, String... tags) {
    TimeGauge g = registry.find(name).tags(tags).timeGauge();
    assertTrue(g != null, "no time gauge " + name + " " + String.join(",", tags));
    return g.value(TimeUnit.SECONDS);
  }
}
