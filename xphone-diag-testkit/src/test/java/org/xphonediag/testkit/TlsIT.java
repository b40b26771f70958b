package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.TlsCheck;
import org.xphonediag.webapi.TlsInspection;
import org.xphonediag.webapi.TlsInspector;
import org.xphonediag.webapi.TrustMaterial;

/** The TLS inspection and the health check's TLS verdicts against the lab's certificates (docs/field-guide.md#tls). */
class TlsIT {

  private static TlsInspection inspect(Lab lab, TrustMaterial trust, Clock clock) throws InterruptedException {
    TlsInspector inspector = TlsInspector.builder().trust(trust).resolver(lab.resolver())
        .timeout(Duration.ofSeconds(3)).clock(clock).build();
    return inspector.inspect(lab.host(), lab.port(), CheckContext.standalone(CheckCatalog.TLS_CHAIN,
        Duration.ofSeconds(10)));
  }

  private static List<String> codes(TlsInspection t) {
    return t.findings().stream().map(Finding::code).collect(Collectors.toList());
  }

  @Test
  void inspectWhenHealthyThenFullChainListedAndNoFinding() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      TlsInspection t = inspect(lab, lab.trust(), Clock.systemUTC());
      assertEquals(List.of(), codes(t));
      assertEquals(2, t.chain().size());
      assertEquals("CN=" + Lab.HOST, t.chain().get(0).subject());
      assertEquals("CN=xphone-diag lab intermediate", t.chain().get(0).issuer());
      assertEquals("EC 256", t.chain().get(0).key());
    }
  }

  @Test
  void inspectWhenIntermediateMissingThenChainIncomplete() throws Exception {
    try (Lab lab = Lab.start(Scenario.INCOMPLETE_CHAIN)) {
      TlsInspection t = inspect(lab, lab.trust(), Clock.systemUTC());
      assertEquals(List.of("tls.chain-incomplete"), codes(t));
      assertEquals(1, t.chain().size());
    }
  }

  @Test
  void inspectWhenRootUnknownThenUntrusted() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      TlsInspection t = inspect(lab, TrustMaterial.platform(), Clock.systemUTC());
      assertEquals(List.of("tls.untrusted"), codes(t));
    }
  }

  @Test
  void inspectWhenExpiredThenExpiredOnly() throws Exception {
    try (Lab lab = Lab.start(Scenario.EXPIRED)) {
      assertEquals(List.of("tls.expired"), codes(inspect(lab, lab.trust(), Clock.systemUTC())));
    }
  }

  @Test
  void inspectWhenClockBeforeValidityThenNotYetValid() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      Clock past = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));
      assertTrue(codes(inspect(lab, lab.trust(), past)).contains("tls.not-yet-valid"));
    }
  }

  @Test
  void inspectWhenLeafEndsWithin14DaysThenExpiresSoonWarning() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(360));
      TlsInspection t = inspect(lab, lab.trust(), later);
      assertEquals(List.of("tls.expires-soon"), codes(t));
      assertEquals(Status.WARN, t.findings().get(0).severity());
    }
  }

  @Test
  void inspectWhenCertificateNamesOtherHostThenHostnameMismatch() throws Exception {
    try (Lab lab = Lab.start(Scenario.WRONG_HOST)) {
      assertEquals(List.of("tls.hostname-mismatch"), codes(inspect(lab, lab.trust(), Clock.systemUTC())));
    }
  }

  @Test
  void inspectWhenWildcardOnSubSubdomainThenSubSubdomainWildcard() throws Exception {
    try (Lab lab = Lab.start(Scenario.SUB_SUBDOMAIN_WILDCARD)) {
      assertEquals(List.of("tls.sub-subdomain-wildcard"), codes(inspect(lab, lab.trust(), Clock.systemUTC())));
    }
  }

  @Test
  void inspectWhenBlackHoleThenUnreachableAfterTimeout() throws Exception {
    try (Lab lab = Lab.start(Scenario.BLACK_HOLE)) {
      TlsInspector inspector = TlsInspector.builder().trust(lab.trust()).resolver(lab.resolver())
          .timeout(Duration.ofMillis(500)).build();
      long start = System.nanoTime();
      TlsInspection t = inspector.inspect(lab.host(), lab.port(),
          CheckContext.standalone(CheckCatalog.TLS_CHAIN, Duration.ofSeconds(10)));
      assertEquals(List.of("webapi.unreachable"), codes(t));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
    }
  }

  @Test
  void healthWhenChainIncompleteThenHealthFailsWithChainIncomplete() throws Exception {
    try (Lab lab = Lab.start(Scenario.INCOMPLETE_CHAIN)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), false);
      CheckResult health = LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH);
      assertEquals(Status.FAIL, health.status());
      assertEquals(List.of("tls.chain-incomplete"), health.findings().stream().map(Finding::code).toList());
      assertEquals(Status.SKIPPED, LabSupport.result(report, CheckCatalog.WEBAPI_AUTH).status());
    }
  }

  @Test
  void healthWhenCertificateExpiredOrForOtherHostThenMatchingTlsFinding() throws Exception {
    for (Scenario s : new Scenario[] {Scenario.EXPIRED, Scenario.WRONG_HOST}) {
      try (Lab lab = Lab.start(s)) {
        Report report = LabSupport.run(LabSupport.fast(lab).build(), false);
        CheckResult health = LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH);
        String expected = s == Scenario.EXPIRED ? "tls.expired" : "tls.hostname-mismatch";
        assertEquals(List.of(expected), health.findings().stream().map(Finding::code).toList(), s.toString());
      }
    }
  }

  @Test
  void healthWhenWildcardThenSubSubdomainWildcard() throws Exception {
    try (Lab lab = Lab.start(Scenario.SUB_SUBDOMAIN_WILDCARD)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), false);
      CheckResult health = LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH);
      assertEquals(List.of("tls.sub-subdomain-wildcard"), health.findings().stream().map(Finding::code).toList());
    }
  }

  @Test
  void healthWhenInsecureThenPassesAndSaysVerificationDisabled() throws Exception {
    try (Lab lab = Lab.start(Scenario.EXPIRED)) {
      Report report = LabSupport.run(org.xphonediag.webapi.WebApiOptions.builder().url(lab.webApiUrl())
          .resolver(lab.resolver()).insecure(true).callTimeout(Duration.ofSeconds(3)).build(), false);
      CheckResult health = LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH);
      assertEquals(Status.PASS, health.status(), health.toString());
      assertEquals("disabled", health.details().get("tlsVerification").orElseThrow());
    }
  }

  @Test
  void tlsCheckWhenCancelledThenThrowsInterrupted() throws Exception {
    try (Lab lab = Lab.start(Scenario.BLACK_HOLE)) {
      TlsCheck check = TlsCheck.of(lab.host(), lab.port(), TlsInspector.builder().resolver(lab.resolver())
          .timeout(Duration.ofSeconds(30)).build());
      CheckContext cancelled = new CheckContext() {
        private final Clock clock = Clock.system(ZoneOffset.UTC);
        private final java.time.Instant deadline = clock.instant().plusSeconds(30);

        @Override
        public org.xphonediag.core.CheckId checkId() {
          return check.id();
        }

        @Override
        public Clock clock() {
          return clock;
        }

        @Override
        public java.time.Instant deadline() {
          return deadline;
        }

        @Override
        public boolean isCancelled() {
          return true;
        }

        @Override
        public java.util.Optional<CheckResult> resultOf(org.xphonediag.core.CheckId id) {
          return java.util.Optional.empty();
        }

        @Override
        public void progress(long done, long total) {}
      };
      long start = System.nanoTime();
      org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class, () -> check.run(cancelled));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
    }
  }
}
