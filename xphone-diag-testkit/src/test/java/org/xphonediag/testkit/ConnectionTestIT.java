package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiCheckIds;

class ConnectionTestIT {

  @Test
  void connectionTestWhenHealthyThenEveryStepPasses() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      Report report = LabSupport.run(LabSupport.fast(lab).build(), true);
      for (CheckResult r : report.results()) {
        System.out.println(r + " " + r.details());
      }
      assertEquals(Status.PASS, report.status(), report.toString());
      CheckResult hub = LabSupport.result(report, WebApiCheckIds.SIGNALR_HUB);
      assertEquals("websockets", hub.details().get("transport").orElseThrow());
      assertTrue(LabSupport.result(report, WebApiCheckIds.HEALTH).details().get("timings").isPresent());
    }
  }
}
