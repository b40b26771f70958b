package org.xphonediag.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

class ReportComparisonTest {

  private static CheckResult result(String id, Status s) {
    CheckResult.Builder b = CheckResult.builder(CheckId.of(id));
    if (s == Status.FAIL) {
      b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding("connect to 203.0.113.5:443 timed out after 5 s").build());
    } else {
      b.status(s);
    }
    return b.build();
  }

  @Test
  void compareWhenSignallingPassesInsideAndFailsOutsideThenFirewallVerdict() {
    Report inside = Report.builder("doctor").result(result("webapi.health", Status.PASS))
        .result(result("config.files", Status.FAIL)).build();
    Report outside = Report.builder("doctor").result(result("webapi.health", Status.FAIL))
        .result(result("config.files", Status.FAIL)).result(result("stun.classic", Status.PASS)).build();
    Report c = ReportComparison.compare(inside, outside);
    assertEquals("doctor-compare", c.command());
    assertEquals(3, c.results().size());
    CheckResult health = c.result(CheckCatalog.WEBAPI_HEALTH).orElseThrow();
    assertEquals(Status.FAIL, health.status());
    assertTrue(health.summary().startsWith("inside PASS, outside FAIL: works inside, fails outside"), health.summary());
    assertTrue(health.hasFinding("webapi.unreachable"));
    @SuppressWarnings("unchecked")
    List<Details> rows = (List<Details>) c.data().asMap().get("comparison");
    assertEquals("blocked-outside", rows.get(0).asMap().get("meaning"));
    assertEquals("broken-everywhere", rows.get(1).asMap().get("meaning"));
    assertEquals("one-sided", rows.get(2).asMap().get("meaning"));
    assertTrue(c.data().asMap().get("verdict").toString().startsWith("works inside, fails outside"));
  }

  @ParameterizedTest
  @CsvSource({"PASS, PASS, SAME", "WARN, PASS, SAME", "PASS, FAIL, BLOCKED_OUTSIDE", "PASS, ERROR, BLOCKED_OUTSIDE",
      "FAIL, PASS, BLOCKED_INSIDE", "FAIL, FAIL, BROKEN_EVERYWHERE", "SKIPPED, SKIPPED, SAME",
      "PASS, SKIPPED, BLOCKED_OUTSIDE"})
  void meaningWhenStatusPairGivenThenAsGuideNarrowsDown(Status in, Status out, ReportComparison.Meaning m) {
    assertEquals(m, ReportComparison.meaning(Optional.of(in), Optional.of(out)));
  }

  @Test
  void compareWhenIdenticalThenNoDifferenceVerdict() {
    Report r = Report.builder("doctor").result(result("webapi.health", Status.PASS)).build();
    assertEquals("no difference between inside and outside",
        ReportComparison.compare(r, r).data().asMap().get("verdict"));
  }
}
