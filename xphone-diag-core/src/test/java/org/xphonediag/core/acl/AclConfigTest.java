package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Finding;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/** Reading acl.conf.xml: structure, located problems, hardening, name resolution (docs/field-guide.md#xcc-acls). */
class AclConfigTest {

  static Path fixture(String name) {
    try {
      return Path.of(AclConfigTest.class.getResource("/acl/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String at(Finding f) {
    SourceLocation l = f.location().orElseThrow(() -> new AssertionError("no location on " + f));
    return l.line().getAsInt() + ":" + l.column().getAsInt();
  }

  @Test
  void parseDomainExampleReadsBothListsWithDefaultsAndLines() throws Exception {
    AclConfig c = AclConfig.parse(fixture("domain-example.xml"));
    assertEquals(List.of("xcc_blacklist", "xcc_whitelist"), List.copyOf(c.lists().keySet()));
    AclList black = c.lists().get("xcc_blacklist");
    assertEquals(AclType.ALLOW, black.defaultType());
    assertEquals("deny 192.168.0.0/16", black.nodes().get(0).asWritten());
    assertEquals(5, black.nodes().get(0).location().orElseThrow().line().getAsInt());
    assertEquals(7, black.nodes().get(0).location().orElseThrow().column().getAsInt());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
  }

  @Test
  void parseWhenListHasNoDefaultThenAllow() throws Exception {
    AclConfig c = AclConfig.parse("<configuration name=\"acl.conf\"><network-lists><list name=\"l\">"
        + "<node cidr=\"10.0.0.0/8\"/></list></network-lists></configuration>", "t.xml");
    AclList l = c.lists().get("l");
    assertEquals(AclType.ALLOW, l.defaultType(), "a list without the attribute is allow");
    assertEquals(AclType.ALLOW, l.nodes().get(0).type(), "a node without type takes the list default");
  }

  @Test
  void parseWhenNodesAreBadThenCollectsEveryProblemWithLineAndColumn() throws Exception {
    AclConfig c = AclConfig.parse(fixture("bad-nodes.xml"));
    Map<String, List<String>> byCode = c.problems().stream().collect(
        Collectors.groupingBy(Finding::code, java.util.TreeMap::new, Collectors.mapping(AclConfigTest::at, Collectors.toList())));
    // cidr without /n (line 4), /33 (line 5), 10.2.3.4/0 matching one address (line 9), node without addresses (13)
    assertEquals(List.of("4:7", "5:7", "9:7", "13:7"), byCode.get("config.syntax"));
    // domain (7), $${variable} (12)
    assertEquals(List.of("7:7", "12:7"), byCode.get("acl.not-evaluable"));
    // 0.0.0.0/32 (8), IPv6 host/mask (10)
    assertEquals(List.of("8:7", "10:7"), byCode.get("acl.undefined-node"));
    assertEquals(Status.FAIL, c.problems().stream().filter(f -> f.code().equals("config.syntax")
        && f.message().contains("no /length")).findFirst().orElseThrow().severity());
    assertEquals(Status.WARN, c.problems().stream().filter(f -> f.code().equals("config.syntax")
        && f.message().contains("10.2.3.4/0")).findFirst().orElseThrow().severity());
    AclList l = c.lists().get("mixed");
    // switch_parse_cidr: 0.0.0.0/32 shifts by 32, mask 0 on x86, so it matches every IPv4 address at rank 32
    AclListDecision d = l.evaluate(IpAddress.parse("10.1.2.3"));
    assertEquals(AclType.DENY, d.decision(), d.explain());
    assertEquals("deny 0.0.0.0/32", d.nodeText());
    assertFalse(d.certain(), "a decision resting on 0.0.0.0/32 is uncertain");
    assertEquals("acl.undefined-node", d.caveats().get(0).code());
    // switch_test_subnet with mask 0 and a non-zero network compares one address: 10.2.3.4 only, at rank 0
    assertEquals(8, l.nodes().size(), "the two refused nodes are left out, as FreeSWITCH leaves them out");
    assertEquals(3, l.evaluableNodes(), "10.1.0.0/16, 10.2.3.4/0 and host/mask 192.168.5.0/255.255.255.0");
  }

  @Test
  void parseWhenXmlMalformedThenLocatedException() {
    AclParseException e = assertThrows(AclParseException.class, () -> AclConfig.parse(fixture("malformed.xml")));
    assertEquals(5, e.location().line().getAsInt(), e.getMessage());
    assertTrue(e.location().column().isPresent());
    assertTrue(e.getMessage().contains(":5:"), e.getMessage());
    Finding f = e.toFinding();
    assertEquals("config.syntax", f.code());
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.remedy().contains("reloadacl"), f.remedy());
  }

  @Test
  void parseWhenExternalEntityThenRefusedNotFetched(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [\n  <!ENTITY xxe SYSTEM \""
        + secret.toUri() + "\">\n]>\n<configuration name=\"acl.conf\"><network-lists>"
        + "<list name=\"&xxe;\" default=\"deny\"/></network-lists></configuration>";
    Path file = dir.resolve("acl.conf.xml");
    Files.writeString(file, xml, StandardCharsets.UTF_8);
    AclParseException e = assertThrows(AclParseException.class, () -> AclConfig.parse(file));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    assertEquals(2, e.location().line().getAsInt(), "refused at the DOCTYPE, before any entity is declared");
  }

  @Test
  void parseWhenInternalEntityExpansionThenRefused() {
    String bomb = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        + "<configuration><network-lists><list name=\"&b;\"/></network-lists></configuration>";
    assertThrows(AclParseException.class, () -> AclConfig.parse(bomb, "bomb.xml"));
  }

  @Test
  void parseWhenNoNetworkListsThenSyntaxFinding() throws Exception {
    AclConfig c = AclConfig.parse("<configuration name=\"acl.conf\"/>", "empty.xml");
    assertEquals("config.syntax", c.problems().get(0).code());
    assertTrue(c.lists().isEmpty());
  }

  @Test
  void parseWhenListDefinedTwiceThenLastWinsWithDuplicateFinding() throws Exception {
    AclConfig c = AclConfig.parse("<configuration><network-lists>\n<list name=\"a\" default=\"deny\"/>\n"
        + "<list name=\"a\" default=\"allow\"/>\n</network-lists></configuration>", "dup.xml");
    assertEquals(AclType.ALLOW, c.lists().get("a").defaultType());
    assertEquals("config.duplicate-key", c.problems().get(0).code());
    assertEquals("3:1", at(c.problems().get(0)));
  }

  @Test
  void parseWhenTypeIsNotAllowOrDenyThenReadAsSwitchTrueWithWarning() throws Exception {
    AclConfig c = AclConfig.parse("<configuration><network-lists><list name=\"a\" default=\"deny\">"
        + "<node type=\"yes\" cidr=\"10.0.0.0/8\"/><node type=\"alow\" cidr=\"11.0.0.0/8\"/>"
        + "</list></network-lists></configuration>", "t.xml");
    assertEquals(AclType.ALLOW, c.lists().get("a").nodes().get(0).type());
    assertEquals(AclType.DENY, c.lists().get("a").nodes().get(1).type(), "a typo reads as deny in FreeSWITCH");
    assertEquals(2, c.problems().stream().filter(f -> f.severity() == Status.WARN).count());
  }

  @Test
  void parseWhenCidrHasCommasThenOneNodePerPart() throws Exception {
    AclConfig c = AclConfig.parse("<configuration><network-lists><list name=\"a\" default=\"deny\">"
        + "<node type=\"allow\" cidr=\"10.0.0.0/8,192.0.2.0/24\"/></list></network-lists></configuration>", "t.xml");
    assertEquals(2, c.lists().get("a").nodes().size());
    assertTrue(c.lists().get("a").allows(IpAddress.parse("192.0.2.5")));
  }

  @Test
  void listResolvesFileThenBuiltInThenCidrLiteralAndIsCaseSensitive() throws Exception {
    AclConfig c = AclConfig.parse(fixture("domain-example.xml"));
    assertTrue(c.list("xcc_whitelist", List.of()).isPresent());
    assertTrue(c.list("XCC_WHITELIST", List.of()).isEmpty(), "list names are case-sensitive");
    assertTrue(c.list("loopback.auto", List.of()).orElseThrow().allows(IpAddress.parse("127.0.0.1")));
    AclList literal = c.list("10.0.0.0/8,192.0.2.1/32", List.of()).orElseThrow();
    assertTrue(literal.allows(IpAddress.parse("192.0.2.1")));
    assertFalse(literal.allows(IpAddress.parse("192.0.2.2")));
    UnknownAclListException e = assertThrows(UnknownAclListException.class,
        () -> AclChain.resolve(c, List.of("nope"), List.of()));
    assertEquals("nope", e.name());
  }

  @Test
  void builtInListsHaveTheirFixedDefinitions() {
    Map<String, AclList> b = BuiltInAclLists.all(List.of(Cidr.parse("10.0.50.0/24")));
    // rule: rfc1918.auto allows private ranges only
    assertTrue(b.get("rfc1918.auto").allows(IpAddress.parse("172.20.1.1")));
    assertFalse(b.get("rfc1918.auto").allows(IpAddress.parse("100.64.0.1")));
    // rule: wan.auto denies private, CGNAT, link-local, 0/8 and allows public
    assertFalse(b.get("wan.auto").allows(IpAddress.parse("192.168.1.1")));
    assertFalse(b.get("wan.auto").allows(IpAddress.parse("100.64.1.1")));
    assertFalse(b.get("wan.auto").allows(IpAddress.parse("fe80::1")));
    assertTrue(b.get("wan.auto").allows(IpAddress.parse("203.0.113.9")));
    assertTrue(b.get("wan.auto").allows(IpAddress.parse("2001:db8::1")));
    // rule: wan_v4.auto denies all IPv6, wan_v6.auto all IPv4
    assertFalse(b.get("wan_v4.auto").allows(IpAddress.parse("2001:db8::1")));
    assertFalse(b.get("wan_v6.auto").allows(IpAddress.parse("203.0.113.9")));
    assertTrue(b.get("any_v4.auto").allows(IpAddress.parse("10.0.0.1")));
    assertFalse(b.get("any_v4.auto").allows(IpAddress.parse("::2")));
    assertFalse(b.get("any_v6.auto").allows(IpAddress.parse("10.0.0.1")));
    assertTrue(b.get("loopback.auto").allows(IpAddress.parse("::1")));
    // rule: localnet.auto allows the given local networks; nat.auto denies them but allows other private
    assertTrue(b.get("localnet.auto").allows(IpAddress.parse("10.0.50.118")));
    assertFalse(b.get("localnet.auto").allows(IpAddress.parse("10.0.51.1")));
    assertFalse(b.get("nat.auto").allows(IpAddress.parse("10.0.50.118")));
    assertTrue(b.get("nat.auto").allows(IpAddress.parse("10.0.51.1")));
    // rule: without local networks localnet.auto matches nothing
    assertFalse(BuiltInAclLists.all(List.of()).get("localnet.auto").allows(IpAddress.parse("10.0.50.118")));
  }

  /** Mutated files either parse (with findings) or fail with a located AclParseException, nothing else. */
  @Test
  void parseWhenInputMutatedThenOnlyLocatedExceptionOrFindings() throws Exception {
    String base = Files.readString(fixture("bad-nodes.xml"));
    java.util.Random r = new java.util.Random(11);
    String alphabet = "<>/\"=&;x09.: \n";
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder(base);
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      try {
        AclConfig c = AclConfig.parse(sb.toString(), "mutant.xml");
        c.problems().forEach(f -> assertTrue(f.location().isPresent(), f.toString()));
      } catch (AclParseException e) {
        assertTrue(e.location().line().isPresent() || e.location().source().equals("mutant.xml"), e.getMessage());
      }
    }
  }
}
