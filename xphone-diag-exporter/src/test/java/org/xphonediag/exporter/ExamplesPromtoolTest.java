package org.xphonediag.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus configuration, alert rules (with their unit tests) and Grafana dashboard. */
class ExamplesPromtoolTest {
  private static final Path PROMETHEUS = Promtool.examples().resolve("prometheus");

  @Test
  void prometheusConfigIsValidWithItsRules() throws Exception {
    Promtool.Result r = Promtool.run(PROMETHEUS, Promtool.binary("promtool").toString(), "check", "config",
        "prometheus.yml");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("SUCCESS: 1 rule files found"), r.output());
  }

  @Test
  void configRelabelsLikeBlackboxExporter() throws Exception {
    String yml = Files.readString(PROMETHEUS.resolve("prometheus.yml"));
    int probeJobs = yml.split("metrics_path: /probe", -1).length - 1;
    assertEquals(3, probeJobs);
    String relabel = "      - source_labels: [__address__]\n        target_label: __param_target\n"
        + "      - source_labels: [__param_target]\n        target_label: instance\n"
        + "      - target_label: __address__\n        replacement: 127.0.0.1:9465";
    assertEquals(probeJobs, yml.split(Pattern.quote(relabel), -1).length - 1, "every probe job relabels the same way");
  }

  @Test
  void alertRulesAreValidAndTheirUnitTestsPass() throws Exception {
    String promtool = Promtool.binary("promtool").toString();
    Promtool.Result check = Promtool.run(PROMETHEUS, promtool, "check", "rules", "xphone-diag-rules.yml");
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("SUCCESS: 8 rules found"), check.output());
    Promtool.Result test = Promtool.run(PROMETHEUS, promtool, "test", "rules", "xphone-diag-rules.test.yml");
    assertEquals(0, test.exitCode(), test.output());
    assertTrue(test.output().contains("SUCCESS"), test.output());
  }

  @Test
  void rulesCoverTheGuidesFailurePatterns() throws Exception {
    String rules = Files.readString(PROMETHEUS.resolve("xphone-diag-rules.yml"));
    for (String code : List.of("signalr.websocket-blocked", "stun.unreachable", "media.no-binding-success",
        "media.port-unreachable", "sip.no-answer")) {
      assertTrue(rules.contains(code), code);
    }
    assertTrue(rules.contains("xphone_diag_tls_not_after_seconds") && rules.contains("14 * 86400"));
    assertTrue(rules.contains("probe_success{job=\"xphone-diag-doctor\"} == 0"));
  }

  @Test
  void dashboardQueriesUseOnlyMetricsTheExporterServes() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(Promtool.examples().resolve("grafana/xphone-diag-dashboard.json")
        .toFile());
    Set<String> served = Set.of("probe_success", "probe_duration_seconds", "probe_timeout_seconds",
        "xphone_diag_check_status", "xphone_diag_check_duration_seconds", "xphone_diag_finding",
        "xphone_diag_tls_not_after_seconds", "xphone_diag_stun_rtt_seconds", "xphone_diag_turn_rtt_seconds",
        "xphone_diag_exporter_probes_total");
    List<String> exprs = dashboardQueries(dash);
    assertEquals(dash.get("panels").size(), exprs.size());
    Matcher m = Pattern.compile("\\b(probe_[a-z_]+|xphone_diag_[a-z_]+)").matcher(String.join("\n", exprs));
    int names = 0;
    while (m.find()) {
      names++;
      assertTrue(served.contains(m.group(1)), m.group(1));
    }
    assertTrue(names >= exprs.size());
    assertFalse(dash.get("uid").asText().isEmpty());
  }

  /** Every panel target's expression, in panel order. */
  static List<String> dashboardQueries(JsonNode dash) {
    List<String> out = new ArrayList<>();
    dash.get("panels").forEach(p -> p.get("targets").forEach(t -> out.add(t.get("expr").asText())));
    return out;
  }
}
