package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.DiagRun;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiSession;

/** The app's five-step connection test against each lab scenario (docs/field-guide.md#connection-test). */
class ConnectionTestIT {

  @Test
  void connectionTestWhenHealthyThenEveryStepPasses() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), true);
      assertEquals(Status.PASS, report.status(), report.toString());
      CheckResult hub = LabSupport.result(report, CheckCatalog.SIGNALR_HUB);
      assertEquals("websockets", hub.details().get("transport").orElseThrow());
      assertEquals(true, hub.details().get("serverToClient").orElseThrow());
      CheckResult health = LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH);
      String timings = health.details().get("timings").orElseThrow().toString();
      assertTrue(timings.contains("dns") && timings.contains("tls") && timings.contains("firstByte"), timings);
      CheckResult auth = LabSupport.result(report, CheckCatalog.WEBAPI_AUTH);
      assertEquals(30L, ((Number) auth.details().get("tokenLifetimeMinutes").orElseThrow()).longValue());
      assertEquals(true, auth.details().get("refreshToken").orElseThrow());
    }
  }

  @Test
  void authWhenPasswordWrongThenAuthFailedAndLaterStepsSkipped() throws Exception {
    try (Lab lab = Lab.start(Scenario.WRONG_PASSWORD)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), false);
      CheckResult auth = LabSupport.result(report, CheckCatalog.WEBAPI_AUTH);
      assertEquals(Status.FAIL, auth.status());
      assertTrue(auth.hasFinding("webapi.auth-failed"), auth.toString());
      assertEquals(401, auth.details().get("status").orElseThrow());
      assertEquals(Status.SKIPPED, LabSupport.result(report, CheckCatalog.SIGNALR_HUB).status());
      assertEquals(Status.SKIPPED, LabSupport.result(report, CheckCatalog.WEBAPI_SOFTPHONE_REINIT).status());
      assertEquals(Status.PASS, LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH).status());
    }
  }

  @Test
  void authWhenBackendDownAfterHealthyHealthThenRemedyNamesPorts2230And2231() throws Exception {
    try (Lab lab = Lab.start(Scenario.BACKEND_DOWN)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), false);
      assertEquals(Status.PASS, LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH).status());
      CheckResult auth = LabSupport.result(report, CheckCatalog.WEBAPI_AUTH);
      Finding f = auth.findings().get(0);
      assertEquals("webapi.auth-failed", f.code());
      assertTrue(f.remedy().contains("2231") && f.remedy().contains("web.config")
          && f.remedy().contains("appsettings.json"), f.remedy());
      assertTrue(f.message().contains("503"), f.message());
    }
  }

  @Test
  void authWhenLoginNeverAnswersAfterHealthyHealthThenTimeoutWithBackendRemedy() throws Exception {
    try (Lab lab = Lab.builder(Scenario.HEALTHY).loginStalls().start()) {
      long start = System.nanoTime();
      Report report = LabSupport.run(lab.options().callTimeout(Duration.ofMillis(800)).build(), false);
      CheckResult auth = LabSupport.result(report, CheckCatalog.WEBAPI_AUTH);
      assertEquals(Status.FAIL, auth.status(), auth.toString());
      Finding f = auth.findings().get(0);
      assertEquals("webapi.auth-failed", f.code());
      assertEquals("timeout", f.evidence().get("failure").orElseThrow());
      assertTrue(f.remedy().contains("2231"), f.remedy());
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 8000);
    }
  }

  @Test
  void hubWhenCancelledWhileWaitingForServerTrafficThenEndsPromptly() throws Exception {
    try (Lab lab = Lab.builder(Scenario.HEALTHY).silentHub().start();
        WebApiSession session = WebApiSession.open(lab.options().signalRReceiveBound(Duration.ofSeconds(60)).build());
        DiagRunner runner = DiagRunner.builder().defaultBudget(Duration.ofSeconds(120)).build()) {
      CountDownLatch hubStarted = new CountDownLatch(1);
      DiagRun run = runner.start("webapi", session.connectionTest(), new DiagListener() {
        @Override
        public void checkStarted(CheckId id, String title) {
          if (id.equals(CheckCatalog.SIGNALR_HUB)) {
            hubStarted.countDown();
          }
        }
      });
      assertTrue(hubStarted.await(20, TimeUnit.SECONDS));
      long start = System.nanoTime();
      run.cancel();
      Report report = run.await(Duration.ofSeconds(10));
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 10000);
      assertTrue(report.cancelled());
      assertEquals(Status.PASS, LabSupport.result(report, CheckCatalog.WEBAPI_AUTH).status());
      assertFalse(LabSupport.result(report, CheckCatalog.SIGNALR_HUB).status() == Status.PASS);
    }
  }

  @Test
  void hubWhenWebSocketsBlockedByNetScalerThenLongPollingAdvisedAndProxyNamed() throws Exception {
    try (Lab lab = Lab.start(Scenario.WEBSOCKET_BLOCKED)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), false);
      CheckResult hub = LabSupport.result(report, CheckCatalog.SIGNALR_HUB);
      assertEquals(Status.FAIL, hub.status(), hub.toString());
      Finding f = hub.findings().get(0);
      assertEquals("signalr.websocket-blocked", f.code());
      assertTrue(f.remedy().contains("SignalRLongPolling") && f.remedy().contains("NetScaler"), f.remedy());
      assertEquals("long-polling", hub.details().get("transport").orElseThrow());
      assertEquals(true, hub.details().get("serverToClient").orElseThrow());
      // the app's step 4 fails until SignalRLongPolling is set, so step 5 is not reached
      assertEquals(Status.SKIPPED, LabSupport.result(report, CheckCatalog.WEBAPI_SOFTPHONE_REINIT).status());
    }
  }

  @Test
  void hubWhenServerNeverSendsAfterHandshakeThenSignalrFailedOnBothTransports() throws Exception {
    try (Lab lab = Lab.builder(Scenario.HEALTHY).silentHub().start()) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), false);
      CheckResult hub = LabSupport.result(report, CheckCatalog.SIGNALR_HUB);
      assertEquals(Status.FAIL, hub.status(), hub.toString());
      assertTrue(hub.hasFinding("signalr.failed"), hub.toString());
      assertTrue(hub.findings().get(0).message().contains("before any message or keep-alive"), hub.toString());
    }
  }

  @Test
  void hubWhenHealthyThenServerToClientProvedWithoutWaitingForTheBound() throws Exception {
    try (Lab lab = Lab.builder(Scenario.HEALTHY).pingInterval(Duration.ofHours(1)).start()) {
      long start = System.nanoTime();
      Report report = LabSupport.run(LabSupport.fast(lab).signalRReceiveBound(Duration.ofSeconds(30)).build(), false);
      CheckResult hub = LabSupport.result(report, CheckCatalog.SIGNALR_HUB);
      assertEquals(Status.PASS, hub.status(), hub.toString());
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 20);
    }
  }

  @Test
  void healthWhenBlackHoleThenUnreachableWithinDeadline() throws Exception {
    try (Lab lab = Lab.start(Scenario.BLACK_HOLE)) {
      long start = System.nanoTime();
      Report report = LabSupport.run(lab.options().callTimeout(Duration.ofMillis(700)).build(), false);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      CheckResult health = LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH);
      assertEquals(Status.FAIL, health.status(), health.toString());
      assertTrue(health.hasFinding("webapi.unreachable"), health.toString());
      assertEquals(Status.SKIPPED, LabSupport.result(report, CheckCatalog.WEBAPI_AUTH).status());
      assertTrue(ms < 5000, "took " + ms + " ms");
    }
  }

  @Test
  void connectionTestWhenCancelledDuringHealthThenEndsPromptly() throws Exception {
    try (Lab lab = Lab.start(Scenario.BLACK_HOLE);
        WebApiSession session = WebApiSession.open(lab.options().callTimeout(Duration.ofSeconds(30)).build());
        DiagRunner runner = DiagRunner.builder().defaultBudget(Duration.ofSeconds(60)).build()) {
      CountDownLatch healthStarted = new CountDownLatch(1);
      DiagRun run = runner.start("webapi", session.connectionTest(), new DiagListener() {
        @Override
        public void checkStarted(CheckId id, String title) {
          if (id.equals(CheckCatalog.WEBAPI_HEALTH)) {
            healthStarted.countDown();
          }
        }
      });
      assertTrue(healthStarted.await(10, TimeUnit.SECONDS));
      long start = System.nanoTime();
      run.cancel();
      Report report = run.await(Duration.ofSeconds(5));
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
      assertTrue(report.cancelled());
      assertFalse(LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH).status() == Status.PASS);
    }
  }

  @Test
  void devicesWhenNoneThenNoDevicesFinding() throws Exception {
    try (Lab lab = Lab.start(Scenario.NO_DEVICES)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), true);
      CheckResult devices = LabSupport.result(report, CheckCatalog.WEBAPI_DEVICES);
      assertEquals(Status.FAIL, devices.status());
      assertTrue(devices.hasFinding("webapi.no-devices"), devices.toString());
      assertEquals(Status.PASS, LabSupport.result(report, CheckCatalog.SIGNALR_HUB).status());
    }
  }

  @Test
  void versionWhenBelow9_0_164ThenCandidateBugWarning() throws Exception {
    try (Lab lab = Lab.start(Scenario.OLD_VERSION)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), true);
      CheckResult version = LabSupport.result(report, CheckCatalog.WEBAPI_VERSION);
      assertEquals(Status.WARN, version.status());
      assertTrue(version.hasFinding("server.version-candidate-bug"));
      assertEquals("9.0.131.1", version.details().get("version").orElseThrow());
    }
  }

  @Test
  void proxyPathsWhenOnlyLowerCaseMobilePassesThenCaseMismatch() throws Exception {
    try (Lab lab = Lab.start(Scenario.PROXY_PATH_CASE_MISMATCH)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), true);
      CheckResult paths = LabSupport.result(report, CheckCatalog.PROXY_PATHS);
      assertEquals(Status.WARN, paths.status(), paths.toString());
      assertEquals(1, paths.findings().size());
      Finding f = paths.findings().get(0);
      assertEquals("proxy.path-case-mismatch", f.code());
      assertTrue(f.message().contains("/XPhoneConnect/Mobile (HTTP 404)"), f.message());
    }
  }

  @Test
  void proxyPathsWhenNothingAnswersThenEveryGroupBlocked() throws Exception {
    try (Lab lab = Lab.start(Scenario.BLACK_HOLE);
        WebApiSession session = WebApiSession.open(lab.options().callTimeout(Duration.ofMillis(300)).webMeeting(true)
            .build())) {
      CheckResult r = session.check(CheckCatalog.PROXY_PATHS)
          .run(org.xphonediag.core.CheckContext.standalone(CheckCatalog.PROXY_PATHS, Duration.ofSeconds(20)));
      assertEquals(4, r.findings().stream().filter(f -> f.code().equals("proxy.path-blocked")).count(), r.toString());
    }
  }

  @Test
  void stunServersWhenRunTwiceWithin30SecondsThenServerQueriedOnce() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY);
        WebApiSession session = WebApiSession.open(LabSupport.fast(lab).build())) {
      var check = session.check(CheckCatalog.WEBAPI_STUN_SERVERS);
      CheckResult first = check.run(org.xphonediag.core.CheckContext.standalone(check.id(), Duration.ofSeconds(10)));
      CheckResult second = check.run(org.xphonediag.core.CheckContext.standalone(check.id(), Duration.ofSeconds(10)));
      assertEquals(Status.PASS, first.status(), first.toString());
      assertEquals(Status.PASS, second.status(), second.toString());
      assertEquals(true, second.details().get("cached").orElseThrow());
      assertEquals(1, lab.requestCount("stunServers"));
      assertEquals(first.details().get("servers"), second.details().get("servers"));
    }
  }

  @Test
  void configuredUrlWhenHttpWrongSuffixAndOtherMobileHostThenUrlNotConfigured() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY);
        WebApiSession session = WebApiSession.open(lab.options()
            .url("http://" + Lab.HOST + ":" + lab.port() + "/XPhoneConnect/api")
            .mobileUrl("https://mobile.example.org/xphoneconnect/mobile").build())) {
      CheckResult r = session.check(CheckCatalog.WEBAPI_CONFIGURED_URL)
          .run(org.xphonediag.core.CheckContext.standalone(CheckCatalog.WEBAPI_CONFIGURED_URL, Duration.ofSeconds(5)));
      assertEquals(Status.FAIL, r.status());
      assertEquals(3, r.findings().stream().filter(f -> f.code().equals("webapi.url-not-configured")).count(),
          r.toString());
    }
  }

  @Test
  void configuredUrlWhenHostDoesNotResolveThenUrlNotConfigured() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY);
        WebApiSession session = WebApiSession.open(lab.options()
            .url("https://nowhere.invalid/xphoneconnect/webclientapi").mobileUrl(null).build())) {
      CheckResult r = session.check(CheckCatalog.WEBAPI_CONFIGURED_URL)
          .run(org.xphonediag.core.CheckContext.standalone(CheckCatalog.WEBAPI_CONFIGURED_URL, Duration.ofSeconds(5)));
      assertEquals(Status.FAIL, r.status());
      assertTrue(r.hasFinding("webapi.url-not-configured"));
      assertTrue(r.findings().get(0).message().contains("does not resolve"), r.toString());
    }
  }
}
