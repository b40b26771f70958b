package org.xphonediag.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.CertificateInfo;
import org.xphonediag.webapi.TlsInspection;

/** Reports shaped like the doctor's: the TLS check's outcome, details as the health, STUN and TURN checks write them. */
final class SampleReports {
  private SampleReports() {}

  static CheckResult tls() {
    TlsInspection t = new TlsInspection("xphone.example.com", 443, Optional.of("203.0.113.10:443"), List.of(
        certificate("CN=xphone.example.com", "CN=Example Intermediate", "2027-12-06T18:30:56Z"),
        certificate("CN=Example Intermediate", "CN=Example Root", "2030-01-01T00:00:00Z")),
        Optional.of("TLSv1.3"), Optional.of("TLS_AES_128_GCM_SHA256"), List.of(), Duration.ofMillis(370));
    return CheckResult.builder(CheckCatalog.TLS_CHAIN).elapsed(Duration.ofMillis(376)).outcome(t).build();
  }

  /** The health check's chain, which it writes as details only (one entry with an unreadable time). */
  static CheckResult health() {
    return CheckResult.builder(CheckCatalog.WEBAPI_HEALTH).elapsed(Duration.ofMillis(120))
        .detail("chain", List.of(
            Details.of("subject", "CN=xphone.example.com", "notAfter", "2027-12-06T18:30:56Z"),
            Details.of("subject", "CN=broken", "notAfter", "not a time")))
        .build();
  }

  private static CertificateInfo certificate(String subject, String issuer, String notAfter) {
    return new CertificateInfo(subject, issuer, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse(notAfter),
        "EC 256", List.of(), false);
  }

  static CheckResult stun() {
    return CheckResult.builder(CheckCatalog.STUN_CLASSIC).elapsed(Duration.ofMillis(198))
        .detail("servers", List.of(Details.of("server", "203.0.113.5:3478", "rttMs", 30.9),
            Details.of("server", "203.0.113.6:3478", "mappedAddress", "198.51.100.1:4000")))
        .build();
  }

  static CheckResult turn() {
    return CheckResult.builder(CheckCatalog.TURN_RELAY).elapsed(Duration.ofMillis(479))
        .detail("relays", List.of(Details.builder().put("uri", "turn:203.0.113.9:3478?transport=udp")
            .put("allocationRttMs", 0.39).put("dataRttMs", 0.26).put("works", true).build()))
        .build();
  }

  static CheckResult websocketBlocked() {
    return CheckResult.builder(CheckCatalog.SIGNALR_HUB).elapsed(Duration.ofMillis(1100))
        .finding(FindingCatalog.SIGNALR_WEBSOCKET_BLOCKED.finding("WebSockets fail, long polling works").build())
        .build();
  }

  static Report faulty() {
    return Report.builder("doctor").elapsed(Duration.ofMillis(2500))
        .results(List.of(tls(), stun(), turn(), websocketBlocked(),
            CheckResult.skipped(CheckCatalog.WEBAPI_SOFTPHONE_REINIT, "Softphone re-initialisation", "prerequisite")))
        .build();
  }

  static Report healthy() {
    return Report.builder("doctor").elapsed(Duration.ofMillis(1200))
        .results(List.of(tls(), stun(), CheckResult.builder(CheckCatalog.SIGNALR_HUB).status(Status.PASS)
            .elapsed(Duration.ofMillis(300)).build()))
        .build();
  }
}
