package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.StandaloneContext;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.IpAddress;

/** The checks acl.lint and acl.server: pass, fail, budget exhausted, cancellation, bad input. */
class AclChecksTest {

  private static AclConfig domainExample() throws Exception {
    return AclConfig.parse(AclConfigTest.fixture("domain-example.xml"));
  }

  private static CheckContext ctx(CheckId id) {
    return CheckContext.standalone(id, Duration.ofSeconds(5));
  }

  /** A context whose budget already ran out (deadline in the past, flagged cancelled as the runner does). */
  private static CheckContext expired(CheckId id) {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    StandaloneContext ctx = StandaloneContext.builder(id).clock(clock).deadline(clock.instant().minusSeconds(1)).build();
    ctx.cancel();
    return ctx;
  }


  @Test
  void serverCheckWhenServerWhitelistedThenPass() throws Exception {
    AclServerCheck check = new AclServerCheck(domainExample(), List.of("xcc_whitelist", "xcc_blacklist"), List.of(),
        IpAddress.parse("192.168.1.10"), false);
    CheckResult r = check.run(ctx(check.id()));
    assertEquals(Status.PASS, r.status());
    assertEquals("xcc_whitelist", r.details().get("serverList").orElseThrow());
  }

  @Test
  void serverCheckWhenServerNotWhitelistedThenFail() throws Exception {
    AclServerCheck check = new AclServerCheck(domainExample(), List.of("xcc_whitelist"), List.of(),
        IpAddress.parse("192.168.7.10"), true);
    CheckResult r = check.run(ctx(check.id()));
    assertEquals(Status.FAIL, r.status());
    assertTrue(r.hasFinding("acl.server-not-whitelisted"));
    assertTrue(r.hasFinding("acl.loopback-not-whitelisted"), "127.0.0.1 is not whitelisted either: " + r);
  }

  @Test
  void serverCheckWhenListUnknownThenFailLikeFreeSwitch() throws Exception {
    AclServerCheck check = new AclServerCheck(domainExample(), List.of("xcc_Whitelist"), List.of(),
        IpAddress.parse("192.168.1.10"), false);
    CheckResult r = check.run(ctx(check.id()));
    assertEquals(Status.FAIL, r.status());
    assertTrue(r.hasFinding("acl.unknown-list"), r.toString());
    assertTrue(r.hasFinding("acl.server-not-whitelisted"), "an unknown list denies every address");
  }

  @Test
  void lintCheckWhenCleanThenPassAndWhenBrokenThenFail() throws Exception {
    AclLintCheck ok = new AclLintCheck(domainExample(), List.of("xcc_whitelist", "xcc_blacklist"), List.of(),
        AclLint.builder().build());
    assertEquals(Status.PASS, ok.run(ctx(ok.id())).status());
    AclConfig bad = AclConfig.parse(AclConfigTest.fixture("bad-nodes.xml"));
    AclLintCheck fail = new AclLintCheck(bad, List.of("mixed"), List.of(), AclLint.builder().build());
    CheckResult r = fail.run(ctx(fail.id()));
    assertEquals(Status.FAIL, r.status());
    assertTrue(r.hasFinding("config.syntax"));
    assertEquals("acl.lint", r.id().value());
  }

  @Test
  void checksWhenBudgetExhaustedOrCancelledThenInterrupted() throws Exception {
    AclLintCheck lint = new AclLintCheck(domainExample(), List.of("xcc_whitelist"), List.of(), AclLint.builder().build());
    assertThrows(InterruptedException.class, () -> lint.run(expired(lint.id())));
    AclServerCheck server = new AclServerCheck(domainExample(), List.of("xcc_whitelist"), List.of(),
        IpAddress.parse("192.168.1.10"), false);
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedException.class, () -> server.run(ctx(server.id())));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void candidatesCheckPassWarnFailAndCancel() throws Exception {
    AclConfig c = domainExample();
    AclCandidatesCheck pass = new AclCandidatesCheck(c, List.of("xcc_whitelist"), List.of(),
        List.of(new AclCandidate("192.168.1.5", 40000, "udp")));
    assertEquals(Status.PASS, pass.run(ctx(pass.id())).status());
    AclCandidatesCheck warn = new AclCandidatesCheck(c, List.of(), List.of(),
        List.of(new AclCandidate("192.168.1.5", 40000, "udp"), new AclCandidate("203.0.113.5", 40002, "udp")));
    CheckResult w = warn.run(ctx(warn.id()));
    assertEquals(Status.WARN, w.status(), "one candidate denied by wan.auto, the public one is taken");
    assertEquals("203.0.113.5:40002/udp", w.details().get("chosen").orElseThrow());
    AclCandidatesCheck fail = new AclCandidatesCheck(c, List.of("xcc_whitelist"), List.of(),
        List.of(new AclCandidate("10.0.0.7", 40000, "udp"), new AclCandidate("192.168.1.5", 9, "tcp")));
    CheckResult f = fail.run(ctx(fail.id()));
    assertEquals(Status.FAIL, f.status());
    assertEquals(3, f.findings().size(), "one per candidate plus the whole offer (488)");
    assertTrue(f.findings().get(2).message().contains("488"));
    assertThrows(InterruptedException.class, () -> fail.run(expired(fail.id())));
  }
}
