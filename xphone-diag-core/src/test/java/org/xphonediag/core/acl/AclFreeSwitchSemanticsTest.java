package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.Finding;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * Each case names the FreeSWITCH function whose behaviour decides it (switch_core.c,
 * switch_utils.c, switch_xml.c of FreeSWITCH 1.10; see the ACL corpus README for the reading).
 */
class AclFreeSwitchSemanticsTest {

  private static AclConfig xml(String lists) throws AclParseException {
    return AclConfig.parse("<configuration name=\"acl.conf\">\n<network-lists>\n" + lists
        + "\n</network-lists>\n</configuration>\n", "t.xml");
  }

  private static List<String> codes(AclConfig c) {
    return c.problems().stream().map(Finding::code).toList();
  }

  private static String at(Finding f) {
    SourceLocation l = f.location().orElseThrow();
    return l.line().getAsInt() + ":" + l.column().getAsInt();
  }

  // ---- IPv4-mapped IPv6: switch_network_ipv4_mapped_ipv6_addr ---------------------------------

  @ParameterizedTest(name = "{0}: {2} in [{1}] -> {3}")
  @CsvSource(delimiter = '!', value = {
      "allowed IPv4 is allowed mapped (was denied) ! deny| allow 10.0.0.0/8 ! ::ffff:10.1.2.3 ! ALLOW",
      "denied IPv4 is denied mapped (was allowed) ! allow| deny 10.0.0.0/8 ! ::ffff:10.1.2.3 ! DENY",
      "an IPv6 node never matches a mapped address ! allow| deny ::ffff:0:0/96 ! ::ffff:10.1.2.3 ! ALLOW",
      "IPv4 /0 covers mapped addresses ! allow| deny 0.0.0.0/0 ! ::ffff:198.51.100.1 ! DENY",
  })
  void checkNetworkListIpMatchesMappedAddressesAsIpv4(String rule, String spec, String ip, AclType decision) {
    AclList l = AclListTest.list(spec);
    AclListDecision d = l.evaluate(IpAddress.parse(ip));
    assertEquals(decision, d.decision(), rule + ": " + d.explain());
    assertEquals(IpAddress.parse(ip).unmapped(), d.matchedAs().orElseThrow());
    assertEquals(decision == AclType.ALLOW, l.allows(IpAddress.parse(ip)), rule);
    assertTrue(d.explain().contains("matched as " + IpAddress.parse(ip).unmapped()), d.explain());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "rfc1918.auto, ::ffff:192.168.1.1, ALLOW",
      "rfc1918.auto, ::ffff:203.0.113.9, DENY",
      "wan.auto, ::ffff:192.168.1.1, DENY",
      "wan.auto, ::ffff:203.0.113.9, ALLOW",
      "loopback.auto, ::ffff:127.0.0.1, ALLOW",
      "localnet.auto, ::ffff:10.0.50.118, ALLOW",
      "nat.auto, ::ffff:10.0.50.118, DENY",
      "wan_v4.auto, ::ffff:203.0.113.9, ALLOW",
      "wan_v6.auto, ::ffff:203.0.113.9, DENY",
  })
  void builtInListsMatchMappedAddressesAsIpv4(String list, String ip, AclType decision) {
    AclList l = BuiltInAclLists.get(list, List.of(Cidr.parse("10.0.50.0/24"))).orElseThrow();
    assertEquals(decision, l.evaluate(IpAddress.parse(ip)).decision(), list + " " + ip);
  }

  @Test
  void evaluateTextRecognisesOnlyTheLeadingFfffPrefixAsFreeSwitchDoes() {
    AclList l = AclListTest.list("deny| allow 10.0.0.0/8");
    assertTrue(l.evaluateText("::FFFF:10.1.2.3").allowed(), "the prefix is compared without case");
    AclListDecision longForm = l.evaluateText("0:0:0:0:0:ffff:10.1.2.3");
    assertFalse(longForm.allowed(), "another spelling is read as IPv6, where no IPv4 node matches");
    assertTrue(longForm.certain());
    AclListDecision hex = l.evaluateText("::ffff:a01:203");
    assertFalse(hex.certain(), "'a01:203' is no dotted quad: FreeSWITCH compares unset memory");
    assertEquals("acl.undefined-node", hex.caveats().get(0).code());
  }

  @Test
  void cidrNodeWithMappedPrefixIsReadAsIpv4OrRefused() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\">\n<node type=\"allow\" cidr=\"::ffff:10.0.0.0/8\"/>\n"
        + "<node type=\"allow\" cidr=\"::ffff:192.0.2.0/120\"/>\n</list>");
    AclList l = c.lists().get("l");
    assertTrue(l.evaluate(IpAddress.parse("10.9.9.9")).allowed(), "perform_add_cidr_token drops ::ffff:");
    assertFalse(l.evaluate(IpAddress.parse("::ffff:192.0.2.5")).allowed(), "/120 > 32 after dropping ::ffff:");
    assertEquals(1, l.nodes().size());
    Finding refused = c.problems().stream().filter(f -> f.severity() == Status.FAIL).findFirst().orElseThrow();
    assertEquals("config.syntax", refused.code());
    assertEquals("5:1", at(refused));
    assertTrue(refused.message().contains("0..32"), refused.message());
  }

  // ---- what FreeSWITCH loads: switch_xml_parse_str, switch_parse_cidr, switch_true ------------

  @Test
  void attributeWithoutEqualsIsLoadedWithLocatedWarning() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\">\n  <node type=\"allow\" cidr \"10.0.0.0/8\"/>\n</list>");
    assertTrue(c.lists().get("l").allows(IpAddress.parse("10.1.1.1")), "switch_xml_parse_str skips white space "
        + "and '=' before the quote");
    Finding f = c.problems().get(0);
    assertEquals("config.syntax", f.code());
    assertEquals(Status.WARN, f.severity());
    assertEquals("4:22", at(f), "line and column of the attribute name");
    assertTrue(f.message().contains("no '='"), f.message());
  }

  @ParameterizedTest(name = "{0}: cidr=\"{1}\" is /{2}")
  @CsvSource(delimiter = '!', value = {
      "atoi stops at the second slash ! 10.0.0.1/32/32 ! 32 ! 10.0.0.1 ! 10.0.0.2",
      "atoi ignores trailing letters ! 10.0.0.0/8abc ! 8 ! 10.200.0.1 ! 11.0.0.1",
      "atoi skips leading white space ! 10.0.0.0/ 16 ! 16 ! 10.0.200.1 ! 10.1.0.1",
      "atoi reads a sign ! 10.0.0.0/+24 ! 24 ! 10.0.0.200 ! 10.0.1.1",
      "a leading zero is still decimal ! 10.0.0.0/08 ! 8 ! 10.200.0.1 ! 11.0.0.1",
  })
  void lengthIsReadWithAtoi(String rule, String cidr, int bits, String inside, String outside) throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" cidr=\"" + cidr + "\"/></list>");
    AclList l = c.lists().get("l");
    assertEquals(bits, l.nodes().get(0).prefix().orElseThrow().prefixLength(), rule);
    assertTrue(l.allows(IpAddress.parse(inside)), rule);
    assertFalse(l.allows(IpAddress.parse(outside)), rule);
    assertEquals(List.of("config.syntax"), codes(c), rule);
    assertEquals(Status.WARN, c.problems().get(0).severity(), rule);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '!', value = {
      "switch_parse_cidr returns -1 without a slash ! 10.0.0.1",
      "bits > 32 for IPv4 ! 10.0.0.0/33",
      "bits > 128 for IPv6 ! 2001:db8::/129",
      "a negative length ! 10.0.0.0/-1",
      "a length beyond int ! 10.0.0.0/99999999999",
      "an empty cidr ! ''",
  })
  void onlyWhatSwitchParseCidrRefusesIsRefused(String rule, String cidr) throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" cidr=\"" + cidr + "\"/></list>");
    assertTrue(c.lists().get("l").nodes().isEmpty(), rule);
    assertEquals(List.of("config.syntax"), codes(c), rule);
    assertEquals(Status.FAIL, c.problems().get(0).severity(), rule);
  }

  @Test
  void duplicateAttributeKeepsTheFirstAndMissingWhiteSpaceIsAccepted() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\">\n<node type=\"allow\"cidr=\"10.0.0.0/8\" "
        + "cidr=\"192.168.0.0/16\"/>\n</list>");
    AclList l = c.lists().get("l");
    assertTrue(l.allows(IpAddress.parse("10.1.1.1")));
    assertFalse(l.allows(IpAddress.parse("192.168.1.1")), "switch_xml_attr returns the first attribute");
    assertEquals(List.of("config.syntax", "config.syntax"), codes(c));
    assertTrue(c.problems().stream().allMatch(f -> f.severity() == Status.WARN));
  }

  @Test
  void unquotedTypeReadsAsEmptyWhichIsDeny() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"allow\">\n<node type=allow cidr=\"10.0.0.0/8\"/>\n</list>");
    AclNode n = c.lists().get("l").nodes().get(0);
    assertEquals(AclType.DENY, n.type(), "type gets \"\", and switch_true(\"\") is false");
    assertTrue(c.problems().stream().anyMatch(f -> f.message().contains("no quoted value")), c.problems().toString());
  }

  @Test
  void unquotedCidrWithSlashMakesFreeSwitchRefuseTheFile() {
    AclParseException e = assertThrows(AclParseException.class,
        () -> xml("<list name=\"l\">\n<node type=\"allow\" cidr=10.0.0.0/8/>\n</list>"));
    assertEquals(4, e.location().line().getAsInt(), e.getMessage());
    assertTrue(e.getMessage().contains("'/' that is not followed by '>'"), e.getMessage());
  }

  @ParameterizedTest(name = "type=\"{0}\" -> {1}")
  @CsvSource(delimiter = '!', value = {
      "allow ! ALLOW", "ALLOW ! ALLOW", "yes ! ALLOW", "1 ! ALLOW", "+2 ! ALLOW", "1.5 ! ALLOW",
      "0 ! DENY", "0.9 ! DENY", "'allow ' ! DENY", "' allow' ! DENY", "alow ! DENY", "'' ! DENY",
  })
  void typeIsReadBySwitchTrueWithoutTrimming(String type, AclType expected) {
    assertEquals(expected, AclType.fromAttribute(type));
  }

  @Test
  void leadingSpaceInSingleCidrMakesAnUndefinedNodeButCommaPartsAreTrimmed() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\">\n<node type=\"allow\" cidr=\" 10.0.0.0/8\"/>\n"
        + "<node type=\"allow\" cidr=\"192.168.0.0/16, 172.16.0.0/12\"/>\n</list>");
    AclList l = c.lists().get("l");
    assertTrue(l.allows(IpAddress.parse("172.16.1.1")), "switch_separate_string trims each part");
    AclListDecision d = l.evaluate(IpAddress.parse("10.1.1.1"));
    assertFalse(d.allowed());
    assertFalse(d.certain(), "inet_pton(\" 10.0.0.0\") fails: the node holds an unpredictable address");
    assertEquals(List.of("acl.undefined-node"), codes(c));
    AclListDecision inside = l.evaluate(IpAddress.parse("192.168.1.1"));
    assertTrue(inside.allowed());
    assertTrue(inside.certain(), "an undefined /8 allow cannot outrank the matching /16 allow nor change it");
  }

  @Test
  void atMostThirtyTwoCommaPartsAreRead() throws Exception {
    StringBuilder parts = new StringBuilder();
    for (int i = 1; i <= 34; i++) {
      parts.append(i > 1 ? "," : "").append("10.0.").append(i).append(".0/24");
    }
    AclConfig c = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" cidr=\"" + parts + "\"/></list>");
    AclList l = c.lists().get("l");
    assertTrue(l.allows(IpAddress.parse("10.0.31.1")));
    assertTrue(l.allows(IpAddress.parse("10.0.32.1")), "the 32nd part is read up to its length");
    assertFalse(l.allows(IpAddress.parse("10.0.33.1")), "parts after the 32nd are never read");
    assertTrue(c.problems().stream().anyMatch(f -> f.message().contains("at most 32")), c.problems().toString());
  }

  @Test
  void preprocessorDropsIncludeAndProcessingInstructionLines() throws Exception {
    AclConfig c = AclConfig.parse("<?xml version=\"1.0\"?>\n<include>\n<configuration name=\"acl.conf\">\n"
        + "<network-lists><list name=\"l\" default=\"deny\"><node type=\"allow\" cidr=\"10.0.0.0/8\"/></list>\n"
        + "</network-lists>\n</configuration>\n</include>\n", "inc.xml");
    assertTrue(c.lists().get("l").allows(IpAddress.parse("10.0.0.1")));
    assertTrue(c.problems().isEmpty(), c.problems().toString());
  }

  @Test
  void onlyTheFirstNetworkListsIsRead() throws Exception {
    AclConfig c = AclConfig.parse("<configuration name=\"acl.conf\">\n<network-lists><list name=\"a\"/>"
        + "</network-lists>\n<network-lists><list name=\"b\"/></network-lists>\n</configuration>", "two.xml");
    assertEquals(List.of("a"), List.copyOf(c.lists().keySet()));
    assertEquals("3:1", at(c.problems().get(0)));
  }

  // ---- unknown list: switch_check_network_list_ip_port_token returns false ------------------

  @Test
  void unknownListDeniesWithFindingNamingIt() throws Exception {
    AclConfig c = xml("<list name=\"xcc_whitelist\" default=\"deny\"><node type=\"allow\" cidr=\"10.0.0.0/8\"/></list>");
    AclChain chain = AclChain.resolveAsXcc(c, List.of("xcc_Whitelist"), List.of());
    AclChainDecision d = chain.inbound(IpAddress.parse("10.1.1.1"));
    assertEquals(AclType.DENY, d.decision());
    assertEquals(AclListDecision.Reason.UNKNOWN_LIST, d.deciding().orElseThrow().reason());
    assertTrue(d.certain());
    assertEquals(List.of("xcc_Whitelist"), chain.unknownLists());
    List<Finding> f = AclFindings.unknownLists(chain, c);
    assertEquals("acl.unknown-list", f.get(0).code());
    assertEquals(Status.FAIL, f.get(0).severity());
    assertTrue(f.get(0).message().contains("'xcc_Whitelist'") && f.get(0).message().contains("xcc_whitelist"),
        f.get(0).message());
  }

  @Test
  void unknownListWhenFileIncludesOthersIsUncertainWarning() throws Exception {
    AclConfig c = xml("<list name=\"a\" default=\"deny\"/>\n<X-PRE-PROCESS cmd=\"include\" data=\"lists/*.xml\"/>");
    AclChain chain = AclChain.resolveAsXcc(c, List.of("carriers"), List.of());
    AclChainDecision d = chain.inbound(IpAddress.parse("203.0.113.5"));
    assertFalse(d.allowed());
    assertFalse(d.certain(), "the included file may define the list");
    assertEquals(Status.WARN, AclFindings.unknownLists(chain, c).get(0).severity());
    assertTrue(codes(c).contains("acl.not-evaluable"));
  }

  // ---- X-PRE-PROCESS include inside a list --------------------------------------------------

  @Test
  void includeInsideListMakesDecisionsUncertain() throws Exception {
    AclConfig c = xml("<list name=\"trusted\" default=\"deny\">\n<node type=\"allow\" cidr=\"192.0.2.1/32\"/>\n"
        + "<X-PRE-PROCESS cmd=\"include\" data=\"/etc/freeswitch/carriers.xml\"/>\n</list>");
    AclList l = c.lists().get("trusted");
    assertEquals(AclNode.Kind.INCLUDE, l.nodes().get(1).kind());
    AclListDecision outside = l.evaluate(IpAddress.parse("198.51.100.7"));
    assertFalse(outside.allowed());
    assertFalse(outside.certain(), "an included node may allow it");
    assertEquals("acl.not-evaluable", outside.caveats().get(0).code());
    assertFalse(l.evaluate(IpAddress.parse("192.0.2.1")).certain(), "an included /32 written first could tie");
    assertEquals("5:1", at(c.problems().get(0)));
  }

  @Test
  void includeInsideCommentSpanningLinesIsNotLive() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\">\n<!--\n<X-PRE-PROCESS cmd=\"include\" data=\"x.xml\"/>\n-->\n"
        + "<node type=\"allow\" cidr=\"10.0.0.0/8\"/>\n</list>");
    assertEquals(1, c.lists().get("l").nodes().size());
    assertTrue(c.lists().get("l").evaluate(IpAddress.parse("198.51.100.7")).certain());
  }

  // ---- nodes FreeSWITCH evaluates in an undefined way, and /0 --------------------------------

  @Test
  void zeroSlashZeroIsDefinedSinceFreeSwitch16AndCoversItsFamily() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" cidr=\"0.0.0.0/0\"/>"
        + "<node type=\"deny\" cidr=\"10.0.0.0/8\"/></list>");
    AclList l = c.lists().get("l");
    AclListDecision any = l.evaluate(IpAddress.parse("198.51.100.1"));
    assertTrue(any.allowed(), "switch_test_subnet(ip, 0, 0) matches and bits 0 >= 0 lets it decide");
    assertTrue(any.certain());
    assertFalse(l.evaluate(IpAddress.parse("10.1.1.1")).allowed(), "the /8 outranks the /0");
    assertFalse(l.evaluate(IpAddress.parse("2001:db8::1")).allowed(), "IPv4 nodes never match IPv6");
    assertFalse(codes(c).contains("acl.undefined-node"));
  }

  @Test
  void zeroLengthWithNonZeroNetworkMatchesOneAddressAtTheLowestRank() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" cidr=\"10.2.3.4/0\"/>"
        + "<node type=\"deny\" cidr=\"10.0.0.0/8\"/></list>");
    AclList l = c.lists().get("l");
    assertFalse(l.evaluate(IpAddress.parse("10.2.3.4")).allowed(), "the /8 outranks it");
    AclList alone = xml("<list name=\"m\" default=\"deny\"><node type=\"allow\" cidr=\"10.2.3.4/0\"/></list>")
        .lists().get("m");
    assertTrue(alone.evaluate(IpAddress.parse("10.2.3.4")).allowed());
    assertFalse(alone.evaluate(IpAddress.parse("10.2.3.5")).allowed());
  }

  @Test
  void decisionRestingOnZeroSlash32IsUncertainAndCertainWhereItCannotDecide() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"allow\"><node type=\"deny\" cidr=\"0.0.0.0/32\"/>"
        + "<node type=\"allow\" cidr=\"192.0.2.7/32\"/></list>");
    AclList l = c.lists().get("l");
    AclListDecision d = l.evaluate(IpAddress.parse("198.51.100.1"));
    assertEquals(AclType.DENY, d.decision(), "on x86 the mask is 0: every IPv4 address at rank 32");
    assertFalse(d.certain());
    assertTrue(d.caveats().get(0).reason().contains("x86"), d.caveats().get(0).reason());
    AclListDecision tie = l.evaluate(IpAddress.parse("192.0.2.7"));
    assertEquals(AclType.DENY, tie.decision(), "a tie at /32: the node written first decides");
    assertEquals(AclListDecision.Reason.TIE, tie.reason());
    assertTrue(l.evaluate(IpAddress.parse("2001:db8::1")).certain(), "an IPv4 node has no say over IPv6");
  }

  @Test
  void nonContiguousMaskIsComparedAsWritten() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" host=\"10.0.0.5\" mask=\"255.0.0.255\"/>"
        + "</list>");
    AclList l = c.lists().get("l");
    assertTrue(l.evaluate(IpAddress.parse("10.99.99.5")).allowed(), "(ip & mask) == (net & mask)");
    assertFalse(l.evaluate(IpAddress.parse("10.99.99.6")).allowed());
    assertEquals(List.of("config.syntax"), codes(c));
  }

  @Test
  void hostMaskNodeIsComparedWithIpv6AddressesByteSwapped() throws Exception {
    AclList l = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" host=\"192.168.1.0\" "
        + "mask=\"255.255.255.0\"/></list>").lists().get("l");
    // 192.168.1.0 as x86 memory is 00 01 a8 c0, the mask 00 ff ff ff: bytes 1..3 of the IPv6 address decide
    AclListDecision quirk = l.evaluate(IpAddress.parse("2001:a8c0::1"));
    assertTrue(quirk.allowed(), quirk.explain());
    assertFalse(quirk.certain(), "an IPv6 decision resting on an IPv4 host/mask node is flagged");
    AclListDecision plain = l.evaluate(IpAddress.parse("2001:db8::1"));
    assertFalse(plain.allowed());
    assertTrue(plain.certain());
  }

  @Test
  void ipv6HostMaskIsUndefined() throws Exception {
    AclConfig c = xml("<list name=\"l\" default=\"deny\"><node type=\"allow\" host=\"2001:db8::1\" "
        + "mask=\"ffff:ffff::\"/></list>");
    assertEquals(List.of("acl.undefined-node"), codes(c));
    AclListDecision d = c.lists().get("l").evaluate(IpAddress.parse("10.0.0.1"));
    assertFalse(d.allowed());
    assertFalse(d.certain(), "an undefined allow node of unknown rank may match");
  }

  @Test
  void cidrListNameMatchesOnlyItsFamilyAndCrossFamilyIsUncertain() throws Exception {
    AclConfig c = xml("");
    AclList lit = c.resolve("10.0.0.0/8,192.0.2.0/24", List.of());
    assertTrue(lit.evaluate(IpAddress.parse("192.0.2.9")).allowed());
    assertFalse(lit.evaluate(IpAddress.parse("198.51.100.9")).allowed());
    assertTrue(lit.evaluate(IpAddress.parse("198.51.100.9")).certain());
    assertFalse(lit.evaluate(IpAddress.parse("2001:db8::1")).certain(), "IPv4 parts against an IPv6 address "
        + "compare unset memory");
  }

  // ---- forms seen in public files without a licence (see the ACL corpus README) ----------------

  @Test
  void broadcastLookingPrefixesAreEvaluatedAsWritten() throws Exception {
    AclList l = xml("<list name=\"my_acl\" default=\"allow\"><node type=\"allow\" cidr=\"255.255.255.0/24\" />"
        + "<node type=\"allow\" cidr=\"255.255.255.255/32\"/></list>").lists().get("my_acl");
    AclListDecision d = l.evaluate(IpAddress.parse("255.255.255.7"));
    assertEquals("allow 255.255.255.0/24", d.nodeText());
    assertEquals(AclListDecision.Reason.DEFAULT, l.evaluate(IpAddress.parse("10.0.0.1")).reason());
  }

  @Test
  void listNamedLikeABuiltInReplacesItWithWarning() throws Exception {
    AclConfig c = xml("<list name=\"localnet.auto\" default=\"allow\">\n<node type=\"allow\" cidr=\"10.0.0.55/24\"/>\n"
        + "</list>\n<list name=\"domains\" default=\"allow\"><node type=\"allow\" cidr=\"10.0.0.55/24\"/></list>\n"
        + "<list name=\"domains\" default=\"deny\">\n</list>");
    AclList local = c.resolve("localnet.auto", List.of(Cidr.parse("192.168.1.0/24")));
    assertTrue(local.evaluate(IpAddress.parse("198.51.100.1")).allowed(), "the file's list, default allow");
    assertFalse(c.resolve("domains", List.of()).evaluate(IpAddress.parse("10.0.0.9")).allowed(),
        "the last definition of a name wins");
    assertEquals(List.of("config.duplicate-key", "config.duplicate-key"), codes(c));
    assertTrue(c.problems().get(0).message().contains("built-in"), c.problems().get(0).message());
  }

  @Test
  void preprocessorVariableSetInTheFileIsExpandedOthersAreNotEvaluable() throws Exception {
    AclConfig c = xml("<X-PRE-PROCESS cmd=\"set\" data=\"lan_net=192.168.7.0/24\"/>\n<list name=\"l\" default=\"deny\">\n"
        + "<node type=\"allow\" cidr=\"$${lan_net}\"/>\n<node type=\"allow\" cidr=\"$${local_ip_v4}/32\"/>\n</list>");
    AclList l = c.lists().get("l");
    AclListDecision inside = l.evaluate(IpAddress.parse("192.168.7.9"));
    assertTrue(inside.allowed(), "expand_vars replaces $${lan_net} before the XML is read");
    AclListDecision outside = l.evaluate(IpAddress.parse("203.0.113.9"));
    assertFalse(outside.allowed());
    assertFalse(outside.certain(), "$${local_ip_v4} comes from the XCC itself");
    assertEquals(List.of("acl.not-evaluable"), codes(c));
  }
}
