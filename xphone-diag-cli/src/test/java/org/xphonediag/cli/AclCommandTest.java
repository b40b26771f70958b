package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xphone-diag acl} in-process: exit codes, data.decisions shape, docs/field-guide.md#xcc-acls end to end. */
class AclCommandTest {
  /** The example of docs/field-guide.md#xcc-acls: blacklist 192.168.0.0/16, whitelist 192.168.1.0/24. */
  static final String DOMAIN_EXAMPLE = """
      <configuration name="acl.conf" description="Network Lists">
        <network-lists>
          <list name="xcc_blacklist" default="allow">
            <node type="deny" cidr="192.168.0.0/16"/>
          </list>
          <list name="xcc_whitelist" default="deny">
            <node type="allow" cidr="192.168.1.0/24"/>
          </list>
        </network-lists>
      </configuration>
      """;

  @TempDir
  Path dir;
  Path acl;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void writeAcl() throws Exception {
    acl = dir.resolve("acl.conf.xml");
    Files.writeString(acl, DOMAIN_EXAMPLE);
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("acl"));
    all.addAll(List.of(args));
    return Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), false);
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void domainExampleOnlyThe192168OneSubnetPasses() throws Exception {
    int code = run("--acl", acl.toString(), "--list", "xcc_whitelist", "--list", "xcc_blacklist",
        "--ip", "192.168.1.20", "--ip", "192.168.2.20", "--ip", "192.168.200.1", "--json");
    assertEquals(1, code, err.toString());
    JsonNode d = json().get("data").get("decisions");
    assertEquals(3, d.size());
    assertEquals("192.168.1.20", d.get(0).get("ip").asText());
    assertEquals("allow", d.get(0).get("decision").asText());
    assertEquals("xcc_whitelist", d.get(0).get("list").asText());
    assertEquals("allow 192.168.1.0/24", d.get(0).get("node").asText());
    for (int i = 1; i < 3; i++) {
      assertEquals("deny", d.get(i).get("decision").asText());
      assertEquals("xcc_blacklist", d.get(i).get("list").asText(), "an inbound deny names the last list tried");
      assertEquals("deny 192.168.0.0/16", d.get(i).get("node").asText());
    }
    JsonNode results = json().get("results");
    assertEquals("acl.decisions", results.get(0).get("id").asText());
    assertEquals(2, results.get(0).get("findings").size());
    assertEquals("acl.source-denied", results.get(0).get("findings").get(0).get("code").asText());
    assertEquals("FAIL", json().get("status").asText());
  }

  @Test
  void allowedAddressesExitZeroWithDefaultNode() throws Exception {
    int code = run("--acl", acl.toString(), "--list", "xcc_whitelist", "--list", "xcc_blacklist",
        "--ip", "203.0.113.9", "--json");
    assertEquals(0, code, err.toString());
    JsonNode row = json().get("data").get("decisions").get(0);
    assertEquals("xcc_blacklist", row.get("list").asText());
    assertEquals("default", row.get("node").asText());
    assertEquals("inbound", json().get("data").get("mode").asText());
  }

  @Test
  void registerModeNeedsEveryList() throws Exception {
    int code = run("--acl", acl.toString(), "--list", "xcc_whitelist", "--list", "xcc_blacklist",
        "--ip", "192.168.1.20", "--mode", "register", "--json");
    assertEquals(1, code);
    assertEquals("deny", json().get("data").get("decisions").get(0).get("decision").asText());
  }

  @Test
  void candidateModeWithoutListsUsesWanAutoAndAllDeniedIs488() throws Exception {
    int code = run("--acl", acl.toString(), "--mode", "candidate", "--ip", "192.168.1.5", "--ip", "10.0.0.7", "--json");
    assertEquals(1, code);
    JsonNode j = json();
    assertEquals("wan.auto", j.get("data").get("lists").get(0).asText());
    assertTrue(j.get("results").get(0).get("findings").toString().contains("488"));
    code = run("--acl", acl.toString(), "--mode", "candidate", "--ip", "192.168.1.5", "--ip", "203.0.113.5");
    assertEquals(0, code, "one usable candidate: only WARN findings");
  }

  @Test
  void serverIpNotWhitelistedIsALintFinding() throws Exception {
    int code = run("--acl", acl.toString(), "--list", "xcc_whitelist", "--server-ip", "10.0.0.5", "--json");
    assertEquals(1, code);
    assertTrue(json().get("results").get(1).get("findings").get(0).get("code").asText()
        .equals("acl.server-not-whitelisted"));
  }

  @Test
  void unknownListDeniesLikeFreeSwitchWithFindingNamingItExitOne() throws Exception {
    assertEquals(1, run("--acl", acl.toString(), "--list", "XCC_WHITELIST", "--ip", "192.168.1.20", "--json"),
        err.toString());
    JsonNode row = json().get("data").get("decisions").get(0);
    assertEquals("deny", row.get("decision").asText());
    assertEquals("unknown-list", row.get("reason").asText());
    assertTrue(row.get("certain").asBoolean());
    JsonNode findings = json().get("results").get(0).get("findings");
    assertEquals("acl.unknown-list", findings.get(0).get("code").asText());
    assertEquals("FAIL", findings.get(0).get("severity").asText());
    assertTrue(findings.get(0).get("message").asText().contains("'XCC_WHITELIST'"), findings.toString());
    assertTrue(findings.get(0).get("message").asText().contains("xcc_whitelist"), "names the known lists");
    assertEquals("", err.toString());
  }

  @Test
  void mappedAddressIsMatchedAsIpv4() throws Exception {
    assertEquals(0, run("--acl", acl.toString(), "--list", "xcc_whitelist", "--ip", "::ffff:192.168.1.20", "--json"),
        out.toString() + err);
    JsonNode row = json().get("data").get("decisions").get(0);
    assertEquals("allow", row.get("decision").asText());
    assertEquals("192.168.1.20", row.get("matchedAs").asText());
  }

  @Test
  void uncertainDecisionSaysSoInRowAndText() throws Exception {
    Path inc = dir.resolve("inc.xml");
    Files.writeString(inc, "<configuration name=\"acl.conf\"><network-lists>\n<list name=\"trusted\" "
        + "default=\"deny\">\n<X-PRE-PROCESS cmd=\"include\" data=\"carriers.xml\"/>\n</list>\n"
        + "</network-lists></configuration>\n");
    assertEquals(0, run("--acl", inc.toString(), "--list", "trusted", "--ip", "203.0.113.5", "--json"),
        "an uncertain deny is a WARN, not a FAIL: " + out);
    JsonNode row = json().get("data").get("decisions").get(0);
    assertEquals("deny", row.get("decision").asText());
    assertFalse(row.get("certain").asBoolean());
    assertEquals("acl.not-evaluable", row.get("caveatCode").asText());
    out.getBuffer().setLength(0);
    run("--acl", inc.toString(), "--list", "trusted", "--ip", "203.0.113.5");
    assertTrue(out.toString().contains("UNCERTAIN"), out.toString());
  }

  @Test
  void missingFileIsExitTwo() {
    assertEquals(2, run("--acl", dir.resolve("nope.xml").toString(), "--list", "a", "--ip", "10.0.0.1"));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  @Test
  void badIpAndSdpAreExitTwo() {
    assertEquals(2, run("--acl", acl.toString(), "--list", "xcc_whitelist", "--ip", "10.0.0.300"));
    assertEquals(2, run("--acl", acl.toString(), "--sdp", "offer.sdp"));
    assertTrue(err.toString().contains("cannot read SDP file offer.sdp: no such file"), err.toString());
    assertEquals(2, run("--acl", acl.toString(), "--list", "xcc_whitelist", "--ip", "10.0.0.1", "--mode", "outbound"));
  }

  @Test
  void malformedXmlIsALocatedFindingExitOne() throws Exception {
    Files.writeString(acl, "<configuration><network-lists>\n<list name=\"a\">\n</network-lists></configuration>");
    int code = run("--acl", acl.toString(), "--list", "a", "--ip", "10.0.0.1", "--json");
    assertEquals(1, code, err.toString());
    JsonNode f = json().get("results").get(0).get("findings").get(0);
    assertEquals("config.syntax", f.get("code").asText());
    assertTrue(f.toString().contains(":3:"), f.toString());
  }

  @Test
  void textOutputShowsOneLinePerAddress() {
    int code = run("--acl", acl.toString(), "--list", "xcc_whitelist", "--list", "xcc_blacklist", "--ip", "192.168.1.20");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("192.168.1.20"), out.toString());
    assertTrue(out.toString().contains("allow 192.168.1.0/24 line 7"), out.toString());
  }

  @Test
  void localNetFeedsLocalnetAutoAndBadCidrIsExitTwo() throws Exception {
    assertEquals(0, run("--acl", acl.toString(), "--list", "localnet.auto", "--local-net", "10.0.50.0/24",
        "--ip", "10.0.50.118", "--json"), err.toString());
    assertEquals("allow 10.0.50.0/24", json().get("data").get("decisions").get(0).get("node").asText());
    assertEquals(2, run("--acl", acl.toString(), "--list", "localnet.auto", "--local-net", "10.0.50.0", "--ip", "10.0.0.1"));
  }

  @Test
  void localnetAutoWithoutLocalNetIsWarnAndDenies() throws Exception {
    int code = run("--acl", acl.toString(), "--list", "localnet.auto", "--ip", "10.0.50.118", "--json");
    assertEquals(1, code, "denied -> acl.source-denied FAIL");
    assertTrue(json().get("results").get(1).toString().contains("acl.not-evaluable"), out.toString());
  }

  @Test
  void maxRulesThresholdRaisesWarnThatFailOnWarnTurnsIntoExitOne() {
    String[] args = {"--acl", acl.toString(), "--list", "xcc_whitelist", "--list", "xcc_blacklist",
        "--ip", "192.168.1.20", "--max-rules", "1"};
    assertEquals(0, run(args));
    assertTrue(out.toString().contains("acl.too-many-rules"), out.toString());
    List<String> strict = new ArrayList<>(List.of(args));
    strict.addAll(List.of("--fail-on", "warn"));
    assertEquals(1, run(strict.toArray(String[]::new)), err.toString());
  }
}
