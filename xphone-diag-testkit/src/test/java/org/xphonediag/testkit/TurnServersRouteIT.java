package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.webapi.ConfiguredServers;
import org.xphonediag.webapi.TurnServerEntry;
import org.xphonediag.webapi.WebApiProfile;
import org.xphonediag.webapi.WebApiSession;

/** The STUN/TURN route with TURN credentials: typed answer, one query per session, rate limit, no leak. */
class TurnServersRouteIT {
  private static final char[] CREDENTIAL = "turn-Cred-9f1e77ab".toCharArray();

  private static Lab labWithTurn() throws Exception {
    return Lab.builder(Scenario.HEALTHY).turnServer(List.of("stun:127.0.0.1:3478", "turn:127.0.0.1:3478",
        "turn:127.0.0.1:3478?transport=tcp"), "lab-turn", CREDENTIAL).start();
  }

  private static CheckContext context() {
    return CheckContext.standalone(CheckCatalog.WEBAPI_STUN_SERVERS, Duration.ofSeconds(10));
  }

  @Test
  void sessionWhenCheckAndCallerBothAskThenOneQueryAndSameTypedAnswer() throws Exception {
    try (Lab lab = labWithTurn();
        WebApiSession session = WebApiSession.open(LabSupport.fast(lab).build());
        DiagRunner runner = DiagRunner.builder().defaultBudget(Duration.ofSeconds(20)).build()) {
      Report report = runner.run("webapi", session.checks());
      ConfiguredServers servers = session.configuredServers(context());
      assertEquals(1, lab.requestCount(WebApiProfile.STUN_SERVERS), "the route allows one query per 30 s");
      assertEquals(ConfiguredServers.State.ANSWERED, servers.state());
      assertEquals(List.of("stun.lab.example.com:3478"), servers.stunServers());
      TurnServerEntry e = servers.usableTurnServers().get(0);
      assertEquals(List.of("turn:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=tcp"), e.turnUrls());
      assertEquals("lab-turn", e.username().orElseThrow());
      assertEquals(new String(CREDENTIAL), new String(e.credential().orElseThrow().reveal()));

      CheckResult r = LabSupport.result(report, CheckCatalog.WEBAPI_STUN_SERVERS);
      assertEquals(Status.PASS, r.status(), r.toString());
      assertEquals(List.of("turn:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=tcp"), r.details().get("turnServers").orElseThrow());
      for (ReportFormat f : ReportFormat.values()) {
        String out = f.writer().toString(report);
        assertFalse(out.contains(new String(CREDENTIAL)), f + " output contains the TURN credential");
        if (f == ReportFormat.JSON) {
          assertTrue(out.contains("turn:127.0.0.1:3478"), "JSON output names the TURN URIs");
        }
      }
    }
  }

  @Test
  void sessionWhenCallerAsksFirstThenCheckReusesTheAnswer() throws Exception {
    try (Lab lab = labWithTurn();
        WebApiSession session = WebApiSession.open(LabSupport.fast(lab).build())) {
      assertEquals(1, session.configuredServers(context()).usableTurnServers().size());
      CheckResult r = session.check(CheckCatalog.WEBAPI_STUN_SERVERS).run(context());
      assertEquals(Status.PASS, r.status(), r.toString());
      assertEquals(true, r.details().get("cached").orElseThrow());
      assertEquals(1, lab.requestCount(WebApiProfile.STUN_SERVERS));
    }
  }

  @Test
  void secondSessionWithin30sWhenRateLimitedThenStateSaysSoAndNoTurnServers() throws Exception {
    try (Lab lab = labWithTurn()) {
      try (WebApiSession first = WebApiSession.open(LabSupport.fast(lab).build())) {
        assertEquals(ConfiguredServers.State.ANSWERED, first.configuredServers(context()).state());
      }
      try (WebApiSession second = WebApiSession.open(LabSupport.fast(lab).build())) {
        ConfiguredServers s = second.configuredServers(context());
        assertEquals(ConfiguredServers.State.RATE_LIMITED, s.state());
        assertTrue(s.usableTurnServers().isEmpty());
        CheckResult r = second.check(CheckCatalog.WEBAPI_STUN_SERVERS).run(context());
        assertEquals(Status.WARN, r.status(), "a rate limit is no FAIL of the deployment: " + r);
        assertEquals("rate-limited", r.details().get("answer").orElseThrow());
        assertEquals(2, lab.requestCount(WebApiProfile.STUN_SERVERS), "the second session asked once, not twice");
      }
    }
  }
}
