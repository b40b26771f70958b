package org.xphonediag.metrics;

import java.net.InetSocketAddress;
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
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.NatBehavior;
import org.xphonediag.stun.StunBinding;
import org.xphonediag.stun.StunBindings;
import org.xphonediag.stun.turn.TurnRelay;
import org.xphonediag.stun.turn.TurnRelays;
import org.xphonediag.stun.turn.TurnUri;
import org.xphonediag.webapi.CertificateInfo;
import org.xphonediag.webapi.ServedChain;
import org.xphonediag.webapi.TlsInspection;

/** Reports shaped like the doctor's: the TLS, STUN and TURN checks' outcomes, the health check's chain details. */
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
        .outcome(new ServedChain(List.of(certificate("CN=xphone.example.com", "CN=Example Intermediate",
            "2027-12-06T18:30:56Z"))))
        .build();
  }

  private static CertificateInfo certificate(String subject, String issuer, String notAfter) {
    return new CertificateInfo(subject, issuer, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse(notAfter),
        "EC 256", List.of(), false);
  }

  static CheckResult stun() {
    StunBinding answered = new StunBinding(HostAndPort.parse("203.0.113.5:3478", 3478),
        Optional.of(new InetSocketAddress("203.0.113.5", 3478)), Optional.empty(),
        Optional.of(new InetSocketAddress("198.51.100.1", 4000)), Optional.of(Duration.ofNanos(30_904_000)), 1,
        Duration.ofMillis(31), Optional.empty(), Optional.empty(), Optional.empty(), NatBehavior.unknown(),
        Optional.empty());
    StunBinding silent = new StunBinding(HostAndPort.parse("203.0.113.6:3478", 3478),
        Optional.of(new InetSocketAddress("203.0.113.6", 3478)), Optional.empty(), Optional.empty(),
        Optional.empty(), 7, Duration.ofSeconds(3), Optional.empty(), Optional.empty(), Optional.empty(),
        NatBehavior.unknown(), Optional.of("no answer"));
    return CheckResult.builder(CheckCatalog.STUN_CLASSIC).elapsed(Duration.ofMillis(198))
        .outcome(new StunBindings(List.of(answered, silent))).build();
  }

  static CheckResult turn() {
    TurnRelay relay = new TurnRelay(TurnUri.parse("turn:203.0.113.9:3478?transport=udp"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Duration.ofNanos(390_400)), Optional.empty(), Optional.of(Duration.ofNanos(259_900)),
        Optional.empty(), -1, false, Optional.empty());
    return CheckResult.builder(CheckCatalog.TURN_RELAY).elapsed(Duration.ofMillis(479))
        .outcome(new TurnRelays(List.of(relay))).build();
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
