package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Finding;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/** The ACL lint against docs/field-guide.md#xcc-acls. */
class AclLintTest {

  private static AclConfig config(String lists) throws AclParseException {
    return AclConfig.parse("<configuration name=\"acl.conf\"><network-lists>\n" + lists
        + "\n</network-lists></configuration>", "acl.conf.xml");
  }

  private static List<String> codes(List<Finding> fs) {
    return fs.stream().map(Finding::code).collect(Collectors.toList());
  }

  @Test
  void lintWhenServerDeniedThenServerNotWhitelisted() throws Exception {
    AclConfig c = config("<list name=\"w\" default=\"deny\"><node type=\"allow\" cidr=\"10.0.0.0/24\"/></list>");
    AclChain chain = AclChain.resolve(c, List.of("w"), List.of());
    List<Finding> fs = AclLint.builder().serverIp(IpAddress.parse("10.0.1.5")).build().lint(c, chain);
    assertEquals(List.of("acl.server-not-whitelisted"), codes(fs));
    assertEquals("10.0.1.5", fs.get(0).evidence().get("ip").orElseThrow());
    assertTrue(AclLint.builder().serverIp(IpAddress.parse("10.0.0.5")).build().lint(c, chain).isEmpty());
  }

  @Test
  void lintWhenLocalXccAndLoopbackDeniedThenLoopbackNotWhitelisted() throws Exception {
    AclConfig c = config("<list name=\"w\" default=\"deny\"><node type=\"allow\" cidr=\"10.0.0.0/24\"/></list>");
    AclChain chain = AclChain.resolve(c, List.of("w"), List.of());
    assertEquals(List.of("acl.loopback-not-whitelisted"),
        codes(AclLint.builder().serverIp(IpAddress.parse("10.0.0.5")).localXcc(true).build().lint(c, chain)));
    assertEquals(List.of("acl.loopback-not-whitelisted"),
        codes(AclLint.builder().serverIp(IpAddress.parse("127.0.0.1")).build().lint(c, chain)));
    AclChain withLoop = AclChain.resolve(c, List.of("w", "loopback.auto"), List.of());
    assertTrue(AclLint.builder().localXcc(true).build().lint(c, withLoop).isEmpty());
  }

  @Test
  void lintWhenMoreNodesThanThresholdThenTooManyRules() throws Exception {
    StringBuilder sb = new StringBuilder("<list name=\"w\" default=\"deny\">");
    for (int i = 0; i < 12; i++) {
      sb.append("<node type=\"allow\" cidr=\"10.").append(i).append(".0.0/16\"/>");
    }
    AclConfig c = config(sb.append("</list>").toString());
    AclChain chain = AclChain.resolve(c, List.of("w"), List.of());
    assertEquals(List.of("acl.too-many-rules"), codes(AclLint.builder().maxRules(10).build().lint(c, chain)));
    assertTrue(AclLint.builder().maxRules(12).build().lint(c, chain).isEmpty());
    assertTrue(AclLint.builder().build().lint(c, chain).isEmpty(), "default threshold 100");
  }

  @Test
  void lintFindsShadowedTwinsAndNodesRepeatingTheDefault() throws Exception {
    AclConfig c = config("<list name=\"w\" default=\"deny\">\n"
        + "<node type=\"allow\" cidr=\"10.0.0.0/8\"/>\n"          // line 3: decides
        + "<node type=\"deny\" cidr=\"10.0.0.0/8\"/>\n"           // line 4: twin, never decides
        + "<node type=\"deny\" cidr=\"172.16.0.0/12\"/>\n"        // line 5: repeats default deny, nothing inside
        + "<node type=\"allow\" cidr=\"10.1.0.0/16\"/>\n"         // line 6: repeats enclosing allow 10/8
        + "<node type=\"deny\" cidr=\"10.2.0.0/16\"/>\n"          // line 7: needed (inside allow 10/8)
        + "<node type=\"deny\" cidr=\"192.168.0.0/16\"/>\n"       // line 8: repeats default but holds 192.168.1/24
        + "<node type=\"allow\" cidr=\"192.168.1.0/24\"/>\n"      // line 9: needed
        + "</list>");
    List<Finding> fs = AclLint.builder().build().lint(c, AclChain.resolve(c, List.of("w"), List.of()));
    List<Integer> lines = fs.stream().filter(f -> f.code().equals("acl.shadowed-rule"))
        .map(f -> f.location().orElseThrow().line().getAsInt()).toList();
    assertEquals(List.of(4, 5, 6), lines, fs.toString());
    assertTrue(fs.get(0).message().contains("says the opposite"), fs.get(0).message());
  }

  @Test
  void lintWhenWhitelistEntryContainsBlacklistEntryThenBroaderFinding() throws Exception {
    AclConfig c = config("<list name=\"black\" default=\"allow\"><node type=\"deny\" cidr=\"192.168.1.0/24\"/></list>\n"
        + "<list name=\"white\" default=\"deny\"><node type=\"allow\" cidr=\"192.168.0.0/16\"/></list>");
    List<Finding> fs = AclLint.builder().build().lint(c, AclChain.resolve(c, List.of("white", "black"), List.of()));
    assertEquals(List.of("acl.whitelist-broader-than-blacklist"), codes(fs));
    assertEquals("allow 192.168.0.0/16", fs.get(0).evidence().get("whitelistNode").orElseThrow());
    assertEquals("deny 192.168.1.0/24", fs.get(0).evidence().get("blacklistNode").orElseThrow());
  }

  @Test
  void lintOfDomainExampleIsClean() throws Exception {
    // docs/field-guide.md#xcc-acls: blacklist 192.168.0.0/16, whitelist 192.168.1.0/24 is the recommended shape
    AclConfig c = AclConfig.parse(AclConfigTest.fixture("domain-example.xml"));
    List<Finding> fs = AclLint.builder().serverIp(IpAddress.parse("192.168.1.10")).build()
        .lint(c, AclChain.resolve(c, List.of("xcc_whitelist", "xcc_blacklist"), List.of()));
    assertTrue(fs.isEmpty(), fs.toString());
  }

  @Test
  void lintWhenLocalnetAutoWithoutLocalNetworksThenNotEvaluable() throws Exception {
    AclConfig c = config("");
    AclChain chain = AclChain.resolve(c, List.of("localnet.auto"), List.of());
    List<String> cs = codes(AclLint.builder().build().lint(c, chain));
    assertTrue(cs.contains("acl.not-evaluable"), cs.toString());
    AclChain given = AclChain.resolve(c, List.of("localnet.auto"), List.of(Cidr.parse("10.0.0.0/24")));
    assertTrue(!codes(AclLint.builder().localNetworks(List.of(Cidr.parse("10.0.0.0/24"))).build().lint(c, given))
        .contains("acl.not-evaluable"));
  }

  @Test
  void lintCapsFindingsPerCode() throws Exception {
    StringBuilder sb = new StringBuilder("<list name=\"w\" default=\"deny\">");
    for (int i = 0; i < 60; i++) {
      sb.append("<node type=\"deny\" cidr=\"10.").append(i).append(".0.0/16\"/>");
    }
    AclConfig c = config(sb.append("</list>").toString());
    List<Finding> fs = AclLint.builder().maxRules(1000).build().lint(c, AclChain.resolve(c, List.of("w"), List.of()));
    assertEquals(AclLint.MAX_FINDINGS_PER_CODE + 1, fs.size());
    assertEquals(10, fs.get(fs.size() - 1).evidence().get("omitted").orElseThrow());
  }
}
