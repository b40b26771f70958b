package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FindingCatalogTest {
  /** The codes ARCHITECTURE.md lists under "Finding codes", with the default severities it gives. */
  static final List<String> ARCHITECTURE_FAIL = List.of(
      "webapi.url-not-configured", "webapi.unreachable", "webapi.auth-failed", "webapi.softphone-reinit-failed",
      "signalr.negotiate-failed", "signalr.websocket-blocked", "signalr.failed", "network.port-closed",
      "tls.untrusted", "tls.chain-incomplete", "tls.hostname-mismatch", "tls.sub-subdomain-wildcard",
      "tls.expired", "tls.not-yet-valid",
      "config.syntax", "config.wcf-endpoint-localhost", "config.server-host-missing",
      "config.jwt-lifetime-too-short", "config.default-secret", "config.stun-loopback-with-outsourced-xcc",
      "acl.server-not-whitelisted", "acl.loopback-not-whitelisted", "acl.source-denied", "acl.candidate-denied",
      "stun.unreachable", "stun.integrity-invalid", "media.port-unreachable", "media.binding-rejected",
      "sip.no-answer",
      "media.no-binding-success", "media.missing-public-candidate", "media.missing-private-candidate",
      "media.address-mismatch", "sip.forbidden", "sip.not-acceptable", "log.acl-rejected",
      "turn.unreachable", "turn.auth-failed", "turn.allocation-failed", "turn.relay-blocked",
      "media.one-way-audio", "media.no-rtp");
  static final List<String> ARCHITECTURE_WARN = List.of(
      "proxy.path-blocked", "proxy.path-case-mismatch", "server.version-candidate-bug", "tls.expires-soon",
      "config.duplicate-key", "config.signalr-longpolling-advised", "config.signalr-debug-incomplete",
      "acl.too-many-rules", "acl.shadowed-rule", "acl.whitelist-broader-than-blacklist",
      "stun.multiple-public-addresses", "stun.port-not-preserved", "media.port-silent",
      "sdp.malformed-candidate", "trace.no-loopback-leg", "trace.no-sip", "trace.truncated",
      "media.packet-loss", "media.high-jitter");

  @Test
  void catalogWhenComparedWithArchitectureThenEveryCodeWithItsDefaultSeverity() {
    for (String code : ARCHITECTURE_FAIL) {
      assertEquals(Status.FAIL, FindingCatalog.byCode(code).orElseThrow(() -> new AssertionError(code)).severity(),
          code);
    }
    for (String code : ARCHITECTURE_WARN) {
      assertEquals(Status.WARN, FindingCatalog.byCode(code).orElseThrow(() -> new AssertionError(code)).severity(),
          code);
    }
  }

  @Test
  void catalogWhenReadThenEveryEntryHasTitleRemedyAndDocsReference() {
    Set<String> codes = FindingCatalog.all().stream().map(FindingCode::code).collect(Collectors.toSet());
    assertEquals(FindingCatalog.all().size(), codes.size(), "codes are unique");
    for (FindingCode c : FindingCatalog.all()) {
      assertFalse(c.title().isBlank(), c.code());
      assertTrue(c.remedy().length() > 20, c.code());
      assertEquals(FindingCatalog.DOCS + c.code(), c.ref(), c.code());
      assertFalse(c.remedy().contains("DOMAIN"), c.code() + ": a remedy cites no developers' sheet");
    }
  }

  @Test
  void findingWhenSeverityRaisedThenKeptAndResultFollows() {
    Finding f = FindingCatalog.MEDIA_PORT_SILENT.finding("no answer from 203.0.113.5:30000/udp in 5 s")
        .severity(Status.FAIL).build();
    CheckResult r = CheckResult.builder(CheckId.of("media.probe")).finding(f).build();
    assertEquals(Status.FAIL, r.status());
    assertEquals("docs/findings.md#media.port-silent", f.ref());
  }
}
