package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.Scenario;

/** Every demo scenario end to end: the real doctor against the lab, asserting the findings it names. */
class DoctorDemoIT {

  private static Set<String> codes(Report r) {
    return r.findings().stream().map(f -> f.code() + ":" + f.severity()).collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "DEFAULT; FAIL; acl.candidate-denied:FAIL config.signalr-longpolling-advised:WARN signalr.websocket-blocked:FAIL",
      "HEALTHY; PASS; ",
      "SILENT_MEDIA; WARN; media.port-silent:WARN",
      "PUBLIC_CANDIDATE_DENIED; FAIL; acl.candidate-denied:FAIL",
      "DMZ_LOCALHOST; FAIL; config.wcf-endpoint-localhost:FAIL webapi.auth-failed:FAIL",
      "WEBSOCKET_BLOCKED; FAIL; config.signalr-longpolling-advised:WARN signalr.websocket-blocked:FAIL",
      "INCOMPLETE_CHAIN; FAIL; tls.chain-incomplete:FAIL",
      "EXPIRED; FAIL; tls.expired:FAIL",
      "WRONG_HOST; FAIL; tls.hostname-mismatch:FAIL",
      "SUB_SUBDOMAIN_WILDCARD; FAIL; tls.sub-subdomain-wildcard:FAIL",
      "WRONG_PASSWORD; FAIL; webapi.auth-failed:FAIL",
      "BACKEND_DOWN; FAIL; webapi.auth-failed:FAIL",
      "NO_DEVICES; FAIL; webapi.no-devices:FAIL",
      "OLD_VERSION; WARN; server.version-candidate-bug:WARN",
      "PROXY_PATH_CASE_MISMATCH; WARN; proxy.path-case-mismatch:WARN",
      "BLACK_HOLE; FAIL; webapi.unreachable:FAIL",
  })
  void doctorWhenDemoScenarioRunsThenNamesItsFindings(Scenario scenario, Status status, String expected)
      throws Exception {
    Report r;
    try (DemoLab lab = DemoLab.start(scenario)) {
      r = lab.doctor().build().run(DiagListener.none());
    }
    Set<String> want = expected == null ? Set.of()
        : Arrays.stream(expected.trim().split(" ")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(want, codes(r), r.toString());
    assertEquals(status, r.status(), r.results().toString());
    for (Finding f : r.findings()) {
      assertFalse(f.remedy().isBlank(), f.code());
    }
    assertFalse(r.data().asMap().get("nextSteps").toString().isEmpty());
  }

  @Test
  void demoWhenRunFromCliThenDefaultExits1AndHealthyExits0() throws Exception {
    CliRun def = CliRun.of("doctor", "--demo", "--json");
    assertEquals(1, def.exitCode(), def.err());
    JsonNode doc = new ObjectMapper().readTree(def.out());
    assertEquals("doctor", doc.get("command").asText());
    assertEquals(3, doc.get("data").get("flow").size());
    assertTrue(doc.get("data").get("nextSteps").get(0).asText().contains("SignalRLongPolling"));
    CliRun healthy = CliRun.of("doctor", "--demo", "--scenario", "healthy");
    assertEquals(0, healthy.exitCode(), healthy.out() + healthy.err());
    assertTrue(healthy.out().startsWith("xphone-diag doctor: PASS"), healthy.out());
  }

  @Test
  void demoWhenScenarioUnknownOrListedThenUsageOrList() {
    CliRun bad = CliRun.of("doctor", "--demo", "--scenario", "nope");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--scenario nope: unknown"), bad.err());
    CliRun list = CliRun.of("doctor", "--demo", "--scenario", "list");
    assertEquals(0, list.exitCode());
    assertTrue(list.out().contains("silent-media"), list.out());
    assertEquals(2, CliRun.of("doctor", "--init", "x.json", "--scenario", "healthy").exitCode());
  }
}
