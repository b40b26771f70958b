package org.xphonediag.testkit;

import java.time.Duration;
import java.util.List;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiSession;

/** Runs WebAPI checks against a lab with short limits. */
final class LabSupport {
  private LabSupport() {}

  /** Options with short limits for tests. */
  static WebApiOptions.Builder fast(Lab lab) {
    return lab.options().callTimeout(Duration.ofSeconds(3)).signalRReceiveBound(Duration.ofMillis(800)).build()
        .toBuilder();
  }

  static Report run(WebApiOptions options, boolean all) throws InterruptedException {
    try (WebApiSession session = WebApiSession.open(options);
        DiagRunner runner = DiagRunner.builder().defaultBudget(Duration.ofSeconds(20)).build()) {
      List<Check> checks = all ? session.checks() : session.connectionTest();
      return runner.run("webapi", checks);
    }
  }

  static CheckResult result(Report report, CheckId id) {
    return report.result(id).orElseThrow(() -> new AssertionError("no result for " + id + " in " + report));
  }
}
