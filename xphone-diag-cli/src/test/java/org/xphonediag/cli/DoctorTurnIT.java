package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.stun.turn.Coturn;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.webapi.ConfiguredServers;
import org.xphonediag.webapi.WebApiProfile;
import org.xphonediag.webapi.WebApiSession;

/**
 * The doctor's TURN step end to end: the lab's STUN/TURN route hands out a real coturn on loopback
 * with credentials, the doctor relays through it; when the route is rate-limited the doctor falls
 * back to the profile's TURN servers and says so.
 */
class DoctorTurnIT {

  private static String randomCredential() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return "tc" + HexFormat.of().formatHex(b);
  }

  private static CheckResult turn(Report report) {
    return report.result(CheckCatalog.TURN_RELAY).orElseThrow(() -> new AssertionError("no turn.relay in " + report));
  }

  @Test
  void doctorWhenWebApiHandsOutCoturnThenRelayWorksFromWebApiAndCredentialNeverPrinted() throws Exception {
    String credential = randomCredential();
    try (Coturn coturn = Coturn.startFor("lab-turn", credential);
        DemoLab lab = DemoLab.start(Scenario.DEFAULT,
            web -> web.turnServer(List.of("stun:127.0.0.1:" + coturn.port, coturn.uri("udp"), coturn.uri("tcp")),
                "lab-turn", credential.toCharArray()),
            // the profile names a dead TURN server too: the WebAPI's answer must win
            profile -> profile.turnServer(URI.create("turn:127.0.0.1:9?transport=tcp")).turnUser("nobody"))) {
      Report report = lab.doctor().turnPassword(Secret.of("profile-password")).build().run(DiagListener.none());
      CheckResult r = turn(report);
      assertEquals(Status.PASS, r.status(), r.toString());
      assertEquals("webapi", r.details().get("source").orElseThrow());
      assertTrue(r.summary().contains("servers from the WebAPI"), r.summary());
      List<?> relays = (List<?>) r.details().get("relays").orElseThrow();
      assertEquals(2, relays.size(), "the stun: URI is not a TURN server: " + relays);
      assertEquals(List.of("udp", "tcp"), relays.stream().map(d -> ((Details) d).get("transport").orElseThrow())
          .toList());
      assertEquals(1, lab.web().requestCount(WebApiProfile.STUN_SERVERS),
          "webapi.stun-servers and turn.relay share one query of the rate-limited route");
      assertEquals(Status.PASS, report.result(CheckCatalog.WEBAPI_STUN_SERVERS).orElseThrow().status());
      for (ReportFormat f : ReportFormat.values()) {
        String out = f.writer().toString(report);
        assertFalse(out.contains(credential), f + " output contains the TURN credential");
      }
    }
  }

  @Test
  void doctorWhenStunRouteRateLimitedThenFallsBackToProfileAndSaysWhy() throws Exception {
    String password = randomCredential();
    try (Coturn coturn = Coturn.startFor("alice", password);
        DemoLab lab = DemoLab.start(Scenario.DEFAULT,
            web -> web.turnServer(List.of(coturn.uri("udp")), "lab-turn", "never-used".toCharArray()),
            profile -> profile.turnServer(URI.create(coturn.uri("tcp"))).turnUser("alice"))) {
      try (WebApiSession earlier = WebApiSession.open(lab.web().options().build())) {
        ConfiguredServers first = earlier.configuredServers(CheckContext.standalone(CheckCatalog.TURN_RELAY, Duration.ofSeconds(10)));
        assertEquals(ConfiguredServers.State.ANSWERED, first.state(), "a first query within the 30 s");
      }
      Report report = lab.doctor().turnPassword(Secret.of(password)).build().run(DiagListener.none());
      CheckResult stun = report.result(CheckCatalog.WEBAPI_STUN_SERVERS).orElseThrow();
      assertEquals(Status.WARN, stun.status(), "a rate limit is no FAIL of the deployment: " + stun);
      CheckResult r = turn(report);
      assertEquals(Status.PASS, r.status(), r.toString());
      assertEquals("profile", r.details().get("source").orElseThrow());
      assertTrue(r.details().get("sourceReason").orElseThrow().toString().contains("too frequent"), r.toString());
      assertEquals(2, lab.web().requestCount(WebApiProfile.STUN_SERVERS), "the doctor asked once");
      assertFalse(ReportFormat.JSON.writer().toString(report).contains(password));
    }
  }
}
