package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.ReportFormat;

/**
 * The password and every issued token never appear in stdout, stderr (all log lines at DEBUG),
 * nor in the report in any format, across the scenarios that log in.
 */
class SecretLeakIT {

  @Test
  void checksWhenLoggingInThenPasswordAndTokenAppearNowhere() throws Exception {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    List<String> secrets = new ArrayList<>();
    StringBuilder reports = new StringBuilder();
    System.setOut(both);
    System.setErr(both);
    try {
      for (Scenario s : new Scenario[] {Scenario.HEALTHY, Scenario.WEBSOCKET_BLOCKED, Scenario.WRONG_PASSWORD,
          Scenario.BACKEND_DOWN, Scenario.NO_DEVICES}) {
        try (Lab lab = Lab.start(s)) {
          secrets.add(new String(lab.password()));
          Report report = LabSupport.run(LabSupport.fast(lab).build(), true);
          secrets.addAll(lab.issuedTokens());
          for (ReportFormat f : ReportFormat.values()) {
            StringWriter w = new StringWriter();
            f.writer().write(report, w);
            reports.append(w);
          }
          reports.append(report).append(report.results());
        }
      }
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(secrets.size() >= 5 + 3, "expected passwords and tokens, got " + secrets.size());
    assertTrue(logs.contains("HubConnection"), "debug logging was not captured");
    for (String secret : secrets) {
      assertFalse(logs.contains(secret), "a secret appears in the log output");
      assertFalse(reports.toString().contains(secret), "a secret appears in a report");
      // JWT parts are long enough to be recognisable on their own
      for (String part : secret.split("\\.")) {
        if (part.length() > 20) {
          assertFalse(logs.contains(part), "part of a token appears in the log output");
          assertFalse(reports.toString().contains(part), "part of a token appears in a report");
        }
      }
    }
    oldOut.print("");
  }
}
