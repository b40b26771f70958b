package org.xphonediag.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.metrics.ReportMetrics.CertificateExpiry;
import org.xphonediag.metrics.ReportMetrics.FindingCount;
import org.xphonediag.metrics.ReportMetrics.RoundTrip;
import org.xphonediag.metrics.ReportMetrics.RoundTripKind;

class ReportMetricsTest {

  @Test
  void checksKeepReportOrderStatusAndElapsed() {
    ReportMetrics m = ReportMetrics.of(SampleReports.faulty());
    assertEquals(Status.FAIL, m.status());
    assertEquals(Duration.ofMillis(2500), m.elapsed());
    assertEquals(List.of("tls.chain", "stun.classic", "turn.relay", "signalr.hub", "webapi.softphone-reinit"),
        m.checks().stream().map(ReportMetrics.CheckSample::check).toList());
    assertEquals(Status.FAIL, m.checks().get(3).status());
    assertEquals(Status.SKIPPED, m.checks().get(4).status());
    assertEquals(Duration.ofMillis(1100), m.checks().get(3).elapsed());
  }

  @Test
  void findingsAreCountedPerCodeAndSeverity() {
    CheckResult two = CheckResult.builder(CheckCatalog.ACL_CANDIDATES)
        .finding(FindingCatalog.ACL_CANDIDATE_DENIED.finding("203.0.113.7 denied").build())
        .finding(FindingCatalog.ACL_CANDIDATE_DENIED.finding("198.51.100.2 denied").build())
        .finding(FindingCatalog.ACL_SHADOWED_RULE.finding("never decides").build()).build();
    Report r = Report.builder("doctor").results(List.of(two, SampleReports.websocketBlocked())).build();
    assertEquals(List.of(new FindingCount("acl.candidate-denied", Status.FAIL, 2),
        new FindingCount("acl.shadowed-rule", Status.WARN, 1),
        new FindingCount("signalr.websocket-blocked", Status.FAIL, 1)), ReportMetrics.of(r).findings());
  }

  @Test
  void certificatesComeFromTheTlsInspectionLeafFirst() {
    List<CertificateExpiry> certs = ReportMetrics.of(SampleReports.faulty()).certificates();
    assertEquals(List.of(
        new CertificateExpiry("tls.chain", 0, "CN=xphone.example.com", Instant.parse("2027-12-06T18:30:56Z")),
        new CertificateExpiry("tls.chain", 1, "CN=Example Intermediate", Instant.parse("2030-01-01T00:00:00Z"))),
        certs);
  }

  @Test
  void certificatesOfTheHealthCheckComeFromItsServedChain() {
    Report r = Report.builder("doctor").results(List.of(SampleReports.health(), SampleReports.tls())).build();
    assertEquals(List.of(
        new CertificateExpiry("webapi.health", 0, "CN=xphone.example.com", Instant.parse("2027-12-06T18:30:56Z")),
        new CertificateExpiry("tls.chain", 0, "CN=xphone.example.com", Instant.parse("2027-12-06T18:30:56Z")),
        new CertificateExpiry("tls.chain", 1, "CN=Example Intermediate", Instant.parse("2030-01-01T00:00:00Z"))),
        ReportMetrics.of(r).certificates());
  }

  @Test
  void roundTripsComeFromStunServersAndTurnRelays() {
    List<RoundTrip> rtts = ReportMetrics.of(SampleReports.faulty()).roundTrips();
    assertEquals(List.of(
        new RoundTrip("stun.classic", RoundTripKind.STUN, "203.0.113.5:3478", Duration.ofNanos(30_900_000)),
        new RoundTrip("turn.relay", RoundTripKind.TURN_ALLOCATION, "turn:203.0.113.9:3478?transport=udp",
            Duration.ofNanos(390_000)),
        new RoundTrip("turn.relay", RoundTripKind.TURN_DATA, "turn:203.0.113.9:3478?transport=udp",
            Duration.ofNanos(260_000))), rtts);
    assertEquals("allocation", RoundTripKind.TURN_ALLOCATION.labelValue());
    assertEquals("stun", RoundTripKind.STUN.labelValue());
  }

  @Test
  void emptyReportHasNoSamplesAndPasses() {
    ReportMetrics m = ReportMetrics.of(Report.builder("doctor").build());
    assertEquals(Status.PASS, m.status());
    assertTrue(m.checks().isEmpty() && m.findings().isEmpty() && m.certificates().isEmpty()
        && m.roundTrips().isEmpty());
  }
}
