package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiSession;

@XPhoneLab(Scenario.WEBSOCKET_BLOCKED)
class XPhoneLabExtensionIT {

  private static Report connectionTest(Lab lab) throws Exception {
    try (WebApiSession s = WebApiSession.open(lab.options().signalRReceiveBound(Duration.ofSeconds(2)).build());
        DiagRunner runner = DiagRunner.builder().build()) {
      return runner.run("ci", s.connectionTest());
    }
  }

  @Test
  void labWhenClassAnnotatedThenScenarioInjected(Lab lab) throws Exception {
    assertEquals(Scenario.WEBSOCKET_BLOCKED, lab.scenario());
    Report r = connectionTest(lab);
    ReportAssert.assertThat(r).hasFinding("signalr.websocket-blocked").hasCheck("webapi.health", Status.PASS);
    AssertionError e = assertThrows(AssertionError.class,
        () -> ReportAssert.assertThat(r).hasNoFindingWorseThan(Status.WARN));
    assertTrue(e.getMessage().contains("FAIL signalr.websocket-blocked"), e.getMessage());
    assertTrue(e.getMessage().contains("remedy: "), e.getMessage());
  }

  @Test
  @XPhoneLab(Scenario.HEALTHY)
  void labWhenMethodAnnotatedThenMethodScenarioWins(Lab lab) throws Exception {
    assertEquals(Scenario.HEALTHY, lab.scenario());
    ReportAssert.assertThat(connectionTest(lab)).hasNoFindingWorseThan(Status.WARN)
        .hasNoFinding("signalr.websocket-blocked");
  }
}
