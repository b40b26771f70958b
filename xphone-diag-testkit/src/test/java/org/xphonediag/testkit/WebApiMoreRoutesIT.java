package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiProfile;
import org.xphonediag.webapi.WebApiSession;

/** Route-unknown answers, the STUN query limit and cancellation of the checks beyond the five steps. */
class WebApiMoreRoutesIT {

  @ParameterizedTest
  @ValueSource(strings = {WebApiProfile.STUN_SERVERS, WebApiProfile.DEVICES})
  void routeWhenServerAnswers404ThenRouteUnknownNamingTheKey(String key) throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      WebApiProfile.Route r = WebApiProfile.defaults().route(key);
      WebApiProfile profile = WebApiProfile.defaults().toBuilder()
          .route(key, r.method(), "/api/v0/does-not-exist", r.auth(), null).build();
      Report report = LabSupport.run(LabSupport.fast(lab).profile(profile).build(), true);
      CheckId id = key.equals(WebApiProfile.DEVICES) ? CheckCatalog.WEBAPI_DEVICES : CheckCatalog.WEBAPI_STUN_SERVERS;
      CheckResult result = LabSupport.result(report, id);
      assertTrue(result.hasFinding("webapi.route-unknown"), result.toString());
      assertTrue(result.findings().get(0).message().contains("routes." + key), result.toString());
      assertEquals(Status.PASS, LabSupport.result(report, CheckCatalog.WEBAPI_AUTH).status());
    }
  }

  @Test
  void stunServersWhenQueriedTwiceWithin30sThenSecondSessionWarnsAboutTheLimit() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      Report first = LabSupport.run(LabSupport.fast(lab).build(), true);
      assertEquals(Status.PASS, LabSupport.result(first, CheckCatalog.WEBAPI_STUN_SERVERS).status());
      Report second = LabSupport.run(LabSupport.fast(lab).build(), true);
      CheckResult limited = LabSupport.result(second, CheckCatalog.WEBAPI_STUN_SERVERS);
      assertEquals(Status.WARN, limited.status(), limited.toString());
      assertTrue(limited.summary().contains("one STUN-server query per 30 s"), limited.summary());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"webapi.version", "webapi.stun-servers", "webapi.devices", "proxy.paths", "tls.chain"})
  void checkWhenInterruptedAgainstBlackHoleThenReturnsPromptly(String id) throws Exception {
    try (Lab lab = Lab.start(Scenario.BLACK_HOLE);
        WebApiSession session = WebApiSession.open(lab.options().callTimeout(Duration.ofSeconds(30)).build())) {
      CheckId checkId = CheckId.of(id);
      org.xphonediag.core.Check check = id.equals("tls.chain")
          ? org.xphonediag.webapi.TlsCheck.of(Lab.HOST, lab.port(), org.xphonediag.webapi.TlsInspector.builder()
              .trust(lab.trust()).resolver(lab.resolver()).timeout(Duration.ofSeconds(30)).build())
          : session.check(checkId);
      AtomicReference<Thread> worker = new AtomicReference<>();
      CompletableFuture<CheckResult> done = CompletableFuture.supplyAsync(() -> {
        worker.set(Thread.currentThread());
        try {
          return check.run(CheckContext.standalone(checkId, Duration.ofSeconds(30)));
        } catch (InterruptedException e) {
          return CheckResult.skipped(checkId, id, "interrupted");
        }
      });
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (worker.get() == null && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      Thread.sleep(300); // let the check reach its network step (this is not waiting for time to pass)
      long start = System.nanoTime();
      worker.get().interrupt();
      CheckResult r = done.get(5, TimeUnit.SECONDS);
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
      assertNotEquals(Status.PASS, r.status(), r.toString());
      assertTrue(List.of(Status.SKIPPED, Status.WARN, Status.FAIL, Status.ERROR).contains(r.status()));
    }
  }
}
