package org.example.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.ReportAssert;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.testkit.XPhoneLab;
import org.xphonediag.webapi.WebApiSession;

/** What a partner writes first: the app's connection test against the testkit's lab. */
class PartnerLabTest {

  private static Report connectionTest(Lab lab) throws Exception {
    try (WebApiSession session = WebApiSession.open(lab.options().callTimeout(Duration.ofSeconds(5)).build());
        DiagRunner runner = DiagRunner.builder().defaultBudget(Duration.ofSeconds(20)).build()) {
      return runner.run("partner", session.connectionTest());
    }
  }

  @Test
  @XPhoneLab(Scenario.HEALTHY)
  void connectionTestWhenLabHealthyThenEveryStepPasses(Lab lab) throws Exception {
    Report report = connectionTest(lab);
    ReportAssert.assertThat(report).hasNoFindingWorseThan(Status.PASS).hasCheck("signalr.hub", Status.PASS);
    assertEquals(Status.PASS, report.status(), report.toString());
  }

  @Test
  @XPhoneLab(Scenario.WEBSOCKET_BLOCKED)
  void connectionTestWhenWebSocketsBlockedThenLongPollingNamed(Lab lab) throws Exception {
    ReportAssert.assertThat(connectionTest(lab)).hasFinding("signalr.websocket-blocked");
  }
}
