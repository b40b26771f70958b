package org.xphonediag.examples.readme;

// snippet:lab-test
import org.junit.jupiter.api.Test;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.ReportAssert;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.testkit.XPhoneLab;
import org.xphonediag.webapi.WebApiSession;

@XPhoneLab(Scenario.WEBSOCKET_BLOCKED) // a loopback WebClientApi behind a proxy that refuses WebSockets
class ConnectionTestPipelineTest {

  @Test
  void hubNamesTheBlockedWebSockets(Lab lab) throws Exception {
    try (WebApiSession session = WebApiSession.open(lab.options().build());
        DiagRunner runner = DiagRunner.builder().build()) {
      Report report = runner.run("ci", session.connectionTest());
      ReportAssert.assertThat(report)
          .hasCheck("webapi.health", Status.PASS)
          .hasFinding("signalr.websocket-blocked");
    }
  }
}
// end:lab-test
