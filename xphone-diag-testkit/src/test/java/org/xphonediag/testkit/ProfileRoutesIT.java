package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiProfile;

/** A profile whose routes differ from the server's: "route unknown", not a broken server. */
class ProfileRoutesIT {

  @Test
  void healthWhenVersionRouteAnswers404ThenRouteUnknownWarningAndLaterStepsRun() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      WebApiProfile profile = WebApiProfile.defaults().toBuilder()
          .route(WebApiProfile.VERSION, "GET", "/api/v9/version", false, null).build();
      Report report = LabSupport.run(LabSupport.fast(lab).profile(profile).build(), false);
      CheckResult health = LabSupport.result(report, CheckCatalog.WEBAPI_HEALTH);
      assertEquals(Status.WARN, health.status(), health.toString());
      Finding f = health.findings().get(0);
      assertEquals("webapi.route-unknown", f.code());
      assertTrue(f.message().contains("route unknown on this server") && f.message().contains("routes.version"),
          f.message());
      assertEquals(Status.PASS, LabSupport.result(report, CheckCatalog.WEBAPI_AUTH).status());
    }
  }

  @Test
  void authWhenLoginRouteAnswers404ThenRouteUnknownAsFailure() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      WebApiProfile profile = WebApiProfile.defaults().toBuilder().route(WebApiProfile.LOGIN, "POST",
          "/api/v2/session", false, "{\"user\":\"${user}\",\"password\":\"${password}\"}").build();
      Report report = LabSupport.run(LabSupport.fast(lab).profile(profile).build(), false);
      CheckResult auth = LabSupport.result(report, CheckCatalog.WEBAPI_AUTH);
      assertEquals(Status.FAIL, auth.status());
      assertEquals("webapi.route-unknown", auth.findings().get(0).code());
      assertEquals("routes.login", auth.findings().get(0).evidence().get("profileKey").orElseThrow());
    }
  }

  @Test
  void reinitWhenServerRefusesTheCallThenSoftphoneReinitFailed() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      WebApiProfile profile = WebApiProfile.defaults().toBuilder().route(WebApiProfile.SOFTPHONE_REINIT, "GET",
          WebApiProfile.defaults().route(WebApiProfile.SOFTPHONE_REINIT).path(), true, null).build();
      Report report = LabSupport.run(LabSupport.fast(lab).profile(profile).build(), false);
      CheckResult reinit = LabSupport.result(report, CheckCatalog.WEBAPI_SOFTPHONE_REINIT);
      assertEquals(Status.FAIL, reinit.status(), reinit.toString());
      assertTrue(reinit.hasFinding("webapi.softphone-reinit-failed"));
      assertTrue(reinit.findings().get(0).message().contains("HTTP 405"), reinit.toString());
    }
  }

  @Test
  void hubWhenHubRouteUnknownThenRouteUnknownNotSignalrFailure() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      WebApiProfile profile = WebApiProfile.defaults().toBuilder()
          .route(WebApiProfile.HUB, "POST", "/hubs/events", true, null).build();
      Report report = LabSupport.run(LabSupport.fast(lab).profile(profile).build(), false);
      CheckResult hub = LabSupport.result(report, CheckCatalog.SIGNALR_HUB);
      assertEquals("webapi.route-unknown", hub.findings().get(0).code(), hub.toString());
      assertEquals("routes.hub", hub.findings().get(0).evidence().get("profileKey").orElseThrow());
    }
  }

  @Test
  void hubWhenNegotiateRefusedThenNegotiateFailedWithStatus() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      // a hub route marked as needing no token: the lab refuses negotiate with 401
      WebApiProfile profile = WebApiProfile.defaults().toBuilder().route(WebApiProfile.HUB, "POST",
          WebApiProfile.defaults().route(WebApiProfile.HUB).path(), false, null).build();
      Report report = LabSupport.run(LabSupport.fast(lab).profile(profile).build(), false);
      CheckResult hub = LabSupport.result(report, CheckCatalog.SIGNALR_HUB);
      assertEquals(Status.FAIL, hub.status(), hub.toString());
      assertEquals("signalr.negotiate-failed", hub.findings().get(0).code());
      assertEquals(401, hub.findings().get(0).evidence().get("status").orElseThrow());
    }
  }
}
