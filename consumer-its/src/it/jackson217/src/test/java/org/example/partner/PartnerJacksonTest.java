package org.example.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.config.ConfigScenario;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.ConfigValidation;
import org.xphonediag.core.config.ConfigValidator;
import org.xphonediag.core.config.IisPlacement;
import org.xphonediag.core.report.JsonReportReader;
import org.xphonediag.core.report.ReportFormat;

/** xphone-diag's JSON work (appsettings.json, JSON reports) on the partner's older Jackson. */
class PartnerJacksonTest {

  /** As found in the field: comments, a trailing comma, a repeated key, the shipped secret placeholder. */
  private static final String APPSETTINGS = """
      {
        // WebClientApi
        "AppSettings": {
          "Secret": "short",
          "JwtTokenLifetimeInMinutes": "3",
          "SignalRLongPolling": false,
          "signalrlongpolling": true,
        },
        "AllowedHosts": "*"
      }
      """;

  @Test
  void configAndJsonReportWhenPartnerPinsJacksonThenWorkOnIt() throws Exception {
    assertEquals(System.getProperty("expected.jackson.version"), PackageVersion.VERSION.toString());

    ConfigValidation v = ConfigValidator.of(ConfigScenario.of(IisPlacement.LOCAL))
        .validate(Optional.empty(), Optional.of(ConfigSource.of("appsettings.json", APPSETTINGS)));
    List<String> codes = v.problems().stream().map(Finding::code).toList();
    assertTrue(codes.containsAll(List.of("config.duplicate-key", "config.jwt-lifetime-too-short",
        "config.default-secret")), codes.toString());
    Finding duplicate = v.problems().stream().filter(f -> f.code().equals("config.duplicate-key")).findFirst()
        .orElseThrow();
    assertTrue(duplicate.message().contains("first at line 6"), duplicate.message());

    CheckResult result = CheckResult.builder(CheckId.of("partner.config")).findings(v.problems()).build();
    Report report;
    try (DiagRunner runner = DiagRunner.builder().build()) {
      report = runner.run("partner", List.of(org.xphonediag.core.Check.of(CheckId.of("partner.config"),
          "appsettings.json", ctx -> result)));
    }
    StringWriter json = new StringWriter();
    ReportFormat.JSON.writer().write(report, json);
    Report back = JsonReportReader.read(json.toString(), "partner.json");
    assertEquals(report.status(), back.status());
    assertEquals(codes, back.findings().stream().map(Finding::code).toList());
  }
}
