package org.xphonediag.examples;

import java.io.PrintWriter;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.webapi.WebApiSession;

/**
 * Recipe: a pipeline test against the testkit lab. Starts a lab whose proxy blocks WebSockets, runs
 * the app's five-step connection test with a progress listener, and prints the report; the
 * {@code signalr.hub} check names {@code signalr.websocket-blocked} (docs/field-guide.md#appsettings-json, #proxies).
 */
public final class ConnectionTestAgainstLab {
  private ConnectionTestAgainstLab() {}

  public static void main(String[] args) throws Exception {
    Scenario scenario = args.length > 0 ? Scenario.valueOf(args[0]) : Scenario.WEBSOCKET_BLOCKED;
    DiagListener progress = new DiagListener() {
      @Override
      public void checkFinished(CheckResult result) {
        System.err.println("  " + result.status() + " " + result.id());
      }
    };
    try (Lab lab = Lab.start(scenario);
        WebApiSession session = WebApiSession.open(lab.options().build());
        DiagRunner runner = DiagRunner.builder().listener(progress).build()) {
      Report report = runner.run("connection-test", session.connectionTest());
      ReportFormat.TEXT.writer().write(report, new PrintWriter(System.out, true));
      CheckResult hub = report.result(CheckCatalog.SIGNALR_HUB).orElseThrow();
      System.out.println("hub: " + hub.status() + (hub.hasFinding("signalr.websocket-blocked")
          ? " - set SignalRLongPolling: true" : ""));
    }
  }
}
