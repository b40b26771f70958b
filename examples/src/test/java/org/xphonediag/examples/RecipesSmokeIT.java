package org.xphonediag.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every recipe once (smoke) and checks the outcome it documents. */
class RecipesSmokeIT {

  interface Main {
    void run() throws Exception;
  }

  private static String stdout(Main main) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aclWhatIfWhenDomainExampleThenOnly192Dot168Dot1Passes() throws Exception {
    String out = stdout(() -> AclWhatIf.main(new String[0]));
    assertTrue(out.contains("192.168.1.20 -> ALLOW"), out);
    assertTrue(out.contains("192.168.2.20 -> DENY"), out);
    assertTrue(out.contains("10.0.50.118 -> ALLOW"), out);
  }

  @Test
  void doctorWhenBackendDownThenAuthFailedAndNextStep() throws Exception {
    String out = stdout(() -> DoctorWithProgress.main(new String[0]));
    assertTrue(out.startsWith("doctor: FAIL"), out);
    assertTrue(out.contains("FAIL webapi.auth-failed"), out);
    assertTrue(out.contains("stage signalling: FAIL"), out);
    assertTrue(out.contains("next: Check the user's credentials"), out);
  }

  @Test
  void traceWhenLoopbackInviteForbiddenThenSipForbidden() throws Exception {
    String out = stdout(() -> TraceAnalysis.main(new String[0]));
    assertTrue(out.startsWith("trace: FAIL"), out);
    assertTrue(out.contains("FAIL sip.forbidden"), out);
  }

  @Test
  void connectionTestWhenWebSocketsBlockedThenHubNamesIt() throws Exception {
    String out = stdout(() -> ConnectionTestAgainstLab.main(new String[0]));
    assertTrue(out.contains("signalr.websocket-blocked"), out);
    assertTrue(out.contains("hub: FAIL - set SignalRLongPolling: true"), out);
  }

  @Test
  void micrometerWhenWebSocketsBlockedThenFindingGaugeIsOne() throws Exception {
    String out = stdout(() -> PublishToMicrometer.main(new String[0]));
    assertTrue(out.contains("xphone.diag.finding{code=signalr.websocket-blocked, severity=FAIL} = 1.0"), out);
    assertTrue(out.contains("xphone.diag.check.status{check=signalr.hub, status=FAIL} = 1.0"), out);
  }
}
