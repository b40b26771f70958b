package org.xphonediag.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCatalog;

class TlsInspectionTest {
  private static final CertificateInfo LEAF = new CertificateInfo("CN=xphone.example.com", "CN=Example CA",
      Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), "EC 256",
      List.of("xphone.example.com"), false);

  @Test
  void detailsOfAHandshakeHaveEveryKeyInReportOrder() {
    TlsInspection t = new TlsInspection("xphone.example.com", 443, Optional.of("203.0.113.10:443"), List.of(LEAF),
        Optional.of("TLSv1.3"), Optional.of("TLS_AES_128_GCM_SHA256"), List.of(), Duration.ofMillis(42));
    Details d = t.details();
    assertEquals(List.of("host", "port", "address", "protocol", "cipherSuite", "chain", "handshake"),
        List.copyOf(d.asMap().keySet()));
    assertEquals("xphone.example.com", d.get("host").orElseThrow());
    assertEquals(443, d.get("port").orElseThrow());
    assertEquals(Duration.ofMillis(42), d.get("handshake").orElseThrow());
    assertEquals(List.of(Details.builder().put("subject", "CN=xphone.example.com").put("issuer", "CN=Example CA")
        .put("notBefore", "2026-01-01T00:00:00Z").put("notAfter", "2027-01-01T00:00:00Z").put("key", "EC 256")
        .put("dnsNames", List.of("xphone.example.com")).build()), d.get("chain").orElseThrow());
  }

  @Test
  void detailsWithoutAConnectionLeaveOutAddressProtocolAndCipherSuite() {
    TlsInspection t = new TlsInspection("nowhere.example", 8443, Optional.empty(), List.of(), Optional.empty(),
        Optional.empty(), List.of(FindingCatalog.WEBAPI_UNREACHABLE.finding("does not resolve").build()),
        Duration.ofMillis(3));
    assertEquals(List.of("host", "port", "chain", "handshake"), List.copyOf(t.details().asMap().keySet()));
    assertEquals(List.of(), t.details().get("chain").orElseThrow());
  }

  @Test
  void resultCarriesTheInspectionAndItsDetailsFirst() {
    TlsInspection t = new TlsInspection("xphone.example.com", 443, Optional.of("203.0.113.10:443"), List.of(LEAF),
        Optional.of("TLSv1.3"), Optional.of("TLS_AES_128_GCM_SHA256"), List.of(), Duration.ofMillis(42));
    CheckResult r = CheckResult.builder(CheckCatalog.TLS_CHAIN).outcome(t).build();
    assertEquals(Optional.of(t), r.outcome(TlsInspection.class));
    assertEquals(t.details(), r.details());
    assertTrue(r.findings().isEmpty());
  }
}
