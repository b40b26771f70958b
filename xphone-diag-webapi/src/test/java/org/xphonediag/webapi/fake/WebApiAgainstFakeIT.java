package org.xphonediag.webapi.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiSession;
import org.xphonediag.webapi.fake.FakeWebClientApi.Case;

/**
 * The real WebAPI checks (connection test, version, STUN servers, devices, proxy paths) against
 * {@link FakeWebClientApi}, a server written from the HTTP, WebSocket and SignalR protocols, in
 * each of its cases. Healthy servers, with or without WebSockets, get no FAIL.
 */
class WebApiAgainstFakeIT {

  private static Report run(WebApiOptions options) throws InterruptedException {
    try (WebApiSession session = WebApiSession.open(options);
        DiagRunner runner = DiagRunner.builder().build()) {
      return runner.run("webapi", session.checks());
    }
  }

  private static Report run(Case fakeCase) throws Exception {
    try (FakeWebClientApi fake = FakeWebClientApi.start(fakeCase)) {
      return run(fake.options().build());
    }
  }

  /** The report as every format writes it, to search for what must never appear. */
  private static String rendered(Report report) throws java.io.IOException {
    StringBuilder all = new StringBuilder();
    for (ReportFormat format : ReportFormat.values()) {
      java.io.StringWriter out = new java.io.StringWriter();
      format.writer().write(report, out);
      all.append(out);
    }
    return all.toString();
  }

  private static CheckResult result(Report report, CheckId id) {
    return report.result(id).orElseThrow(() -> new AssertionError("no result " + id + " in " + report));
  }

  private static void assertNoFail(Report report) {
    for (CheckResult r : report.results()) {
      assertTrue(r.status().compareTo(Status.WARN) <= 0, r.id() + " is " + r.status() + ": " + r);
    }
  }

  private static Map<String, Object> map(CheckResult r, String key) {
    return ((Details) r.details().get(key).orElseThrow(() -> new AssertionError("no " + key + " in " + r))).asMap();
  }

  @ParameterizedTest
  @EnumSource(value = Case.class, names = {"HEALTHY", "NEGOTIATE_V0", "ROOT_404"})
  void checksWhenHealthyThenEveryCheckPasses(Case fakeCase) throws Exception {
    Report report;
    List<String> secrets;
    try (FakeWebClientApi fake = FakeWebClientApi.start(fakeCase)) {
      report = run(fake.options().build());
      secrets = fake.issuedSecrets();
    }
    String out = rendered(report);
    assertTrue(secrets.size() >= (fakeCase == Case.NEGOTIATE_V0 ? 1 : 2), "a login and a negotiate happened");
    for (String secret : secrets) {
      assertFalse(out.contains(secret), "a token reached the report");
    }
    for (CheckResult r : report.results()) {
      assertEquals(Status.PASS, r.status(), fakeCase + ": " + r);
    }
    CheckResult hub = result(report, CheckCatalog.SIGNALR_HUB);
    assertEquals("websockets", hub.details().get("transport").orElseThrow(), hub.toString());
    Map<String, Object> negotiate = map(hub, "negotiate");
    assertEquals(fakeCase == Case.NEGOTIATE_V0 ? 0 : 1, negotiate.get("negotiateVersion"), hub.toString());
    assertEquals(List.of("WebSockets", "ServerSentEvents", "LongPolling"), negotiate.get("transports"), hub.toString());
    assertFalse(negotiate.containsKey("connectionToken"), "the connection token is a secret: " + negotiate);
  }

  @Test
  void hubWhenNegotiateOffersNoWebSocketsAndLongPollingWorksThenHealthyOverLongPolling() throws Exception {
    Report report = run(Case.NO_WEBSOCKETS);
    assertNoFail(report);
    CheckResult hub = result(report, CheckCatalog.SIGNALR_HUB);
    assertEquals(Status.PASS, hub.status(), hub.toString());
    assertFalse(hub.hasFinding("signalr.websocket-blocked"), hub.toString());
    assertEquals("long-polling", hub.details().get("transport").orElseThrow(), hub.toString());
    assertEquals(List.of("ServerSentEvents", "LongPolling"), map(hub, "negotiate").get("transports"), hub.toString());
    assertTrue(hub.summary().contains("offers no WebSockets"), hub.summary());
    assertEquals(Status.PASS, result(report, CheckCatalog.WEBAPI_SOFTPHONE_REINIT).status());
  }

  @Test
  void healthWhenSsoPortalRedirectsThenNotWebClientApiWithRedirectEvidenceAndNoCredentialAdvice() throws Exception {
    try (FakeWebClientApi fake = FakeWebClientApi.start(Case.SSO_REDIRECT)) {
      Report report = run(fake.options().build());
      CheckResult health = result(report, CheckCatalog.WEBAPI_HEALTH);
      assertEquals(Status.FAIL, health.status(), health.toString());
      Finding f = health.findings().get(0);
      assertEquals("webapi.not-webclientapi", f.code(), health.toString());
      assertEquals(302, f.evidence().get("status").orElseThrow(), f.toString());
      assertEquals(FakeWebClientApi.SSO_HOST, f.evidence().get("locationHost").orElseThrow(), f.toString());
      assertEquals("/adfs/ls/", f.evidence().get("locationPath").orElseThrow(), f.toString());
      assertEquals("Sign In", f.evidence().get("title").orElseThrow(), f.toString());
      String out = rendered(report);
      assertTrue(out.contains("sso.fake.example") && out.contains("Sign In"), "the redirect is reported");
      assertFalse(out.contains("SAMLRequest") || out.contains("RelayState"), "the redirect's query is not reported");
      assertEquals(Status.SKIPPED, result(report, CheckCatalog.WEBAPI_AUTH).status());
      assertTrue(report.findings().stream().noneMatch(x -> x.code().equals("webapi.auth-failed")), report.toString());
      // the login was never sent to the portal
      assertTrue(fake.requests().stream().noneMatch(r -> r.contains("/api/auth/login")), fake.requests().toString());
    }
  }

  @Test
  void healthWhenMaintenancePageAnswers200ThenNotWebClientApiWithTitle() throws Exception {
    Report report = run(Case.MAINTENANCE_PAGE);
    CheckResult health = result(report, CheckCatalog.WEBAPI_HEALTH);
    assertEquals(Status.FAIL, health.status(), health.toString());
    Finding f = health.findings().get(0);
    assertEquals("webapi.not-webclientapi", f.code(), health.toString());
    assertEquals(200, f.evidence().get("status").orElseThrow(), f.toString());
    assertEquals("text/html", f.evidence().get("contentType").orElseThrow(), f.toString());
    assertEquals("Scheduled maintenance", f.evidence().get("title").orElseThrow(), f.toString());
    assertTrue(f.message().contains("Scheduled maintenance"), f.message());
    assertEquals(Status.SKIPPED, result(report, CheckCatalog.WEBAPI_AUTH).status());
  }

  @Test
  void healthWhenIisDemandsWindowsAuthenticationThenNotWebClientApiNamingTheChallenge() throws Exception {
    Report report = run(Case.WINDOWS_AUTH);
    CheckResult health = result(report, CheckCatalog.WEBAPI_HEALTH);
    assertEquals(Status.FAIL, health.status(), health.toString());
    Finding f = health.findings().get(0);
    assertEquals("webapi.not-webclientapi", f.code(), health.toString());
    assertEquals(401, f.evidence().get("status").orElseThrow(), f.toString());
    assertEquals("Negotiate", f.evidence().get("challenge").orElseThrow(), f.toString());
    assertTrue(f.message().contains("needs no login"), f.message());
  }

  @Test
  void proxyPathsWhenApiRootAnswers404ThenNoPathBlocked() throws Exception {
    Report report = run(Case.ROOT_404);
    CheckResult paths = result(report, CheckCatalog.PROXY_PATHS);
    assertEquals(Status.PASS, paths.status(), paths.toString());
    assertTrue(paths.findings().isEmpty(), paths.toString());
  }

  @Test
  void proxyPathsWhenProxyRulesAreCaseSensitiveThenCaseMismatchNotBlocked() throws Exception {
    Report report = run(Case.PROXY_CASE_SENSITIVE);
    assertNoFail(report);
    CheckResult paths = result(report, CheckCatalog.PROXY_PATHS);
    assertEquals(Status.WARN, paths.status(), paths.toString());
    assertEquals(List.of("proxy.path-case-mismatch", "proxy.path-case-mismatch"),
        paths.findings().stream().map(Finding::code).toList(), paths.toString());
    assertEquals("/XPhoneConnect/mobile", paths.findings().get(0).evidence().get("path").orElseThrow());
    assertTrue(paths.findings().get(0).message().contains("/XPhoneConnect/Mobile"), paths.toString());
    assertTrue(paths.findings().get(1).message().contains("/XPhoneConnect/webclientapi/api/info/version"),
        paths.toString());
  }

  @Test
  void proxyPathsWhenRunAloneThenSameCheckAsInChecksAndWebMeetingOnlyWhenAsked() throws Exception {
    try (FakeWebClientApi fake = FakeWebClientApi.start(Case.PROXY_CASE_SENSITIVE)) {
      for (boolean webMeeting : new boolean[] {false, true}) {
        try (WebApiSession session = WebApiSession.open(fake.options().webMeeting(webMeeting).build())) {
          var check = session.check(CheckCatalog.PROXY_PATHS);
          assertTrue(session.checks().contains(check), "check(PROXY_PATHS) is the instance checks() holds");
          CheckResult r = check.run(org.xphonediag.core.CheckContext.standalone(check.id(), java.time.Duration.ofSeconds(20)));
          assertEquals(2, r.findings().size(), r.toString());
          assertEquals(webMeeting, map(r, "paths").containsKey("/XPhoneConnect/WebMeeting"), r.toString());
        }
      }
    }
  }

  /** The hub's verdict when a proxy refuses the upgrade with a 403 page titled {@code title}: its finding. */
  private static Finding assertUpgradeRefused(Report report, String title, String proxy) {
    CheckResult hub = result(report, CheckCatalog.SIGNALR_HUB);
    assertEquals(Status.FAIL, hub.status(), hub.toString());
    assertEquals("long-polling", hub.details().get("transport").orElseThrow());
    Finding f = hub.findings().get(0);
    assertEquals("signalr.websocket-blocked", f.code(), hub.toString());
    assertEquals(403, f.evidence().get("upgradeStatus").orElseThrow(), f.toString());
    assertEquals(title, f.evidence().get("upgradeTitle").orElseThrow(), f.toString());
    assertTrue(String.valueOf(f.evidence().get("proxy").orElseThrow()).startsWith(proxy), f.toString());
    assertTrue(f.message().contains("HTTP 403") && f.message().contains(proxy), f.message());
    assertTrue(f.remedy().contains("SignalRLongPolling") && f.remedy().contains(proxy), f.remedy());
    return f;
  }

  @Test
  void hubWhenSophosRefusesUpgradeThenWebSocketBlockedNamingSophosWithItsAnswer() throws Exception {
    assertUpgradeRefused(run(Case.UPGRADE_REFUSED_SOPHOS), "Access to the requested URL was blocked", "Sophos");
  }

  @Test
  void hubWhenNetScalerRefusesUpgradeThenWebSocketBlockedNamingNetScalerWithCookieNamesOnly() throws Exception {
    Report report = run(Case.UPGRADE_REFUSED_NETSCALER);
    Finding f = assertUpgradeRefused(report, "Request Rejected", "NetScaler");
    assertEquals(List.of("NSC_xphone-vs"), f.evidence().get("upgradeCookies").orElseThrow(), f.toString());
    String out = rendered(report);
    assertTrue(out.contains("NSC_xphone-vs"), "cookie names are reported");
    assertFalse(out.contains("ffffffff09b4cf49"), "cookie values never appear");
  }
}
