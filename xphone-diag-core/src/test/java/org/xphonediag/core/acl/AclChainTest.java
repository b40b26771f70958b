package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.net.IpAddress;

/** Chains in the inbound, register and candidate modes (docs/field-guide.md#xcc-acls, #failure-patterns). */
class AclChainTest {
  static final AclList WHITE = AclList.of("white", AclType.DENY, List.of(AclNode.of(AclType.ALLOW, "192.168.1.0/24")));
  static final AclList BLACK = AclList.of("black", AclType.ALLOW, List.of(AclNode.of(AclType.DENY, "192.168.0.0/16")));
  static final AclList DENY_ALL = AclList.of("deny_all", AclType.DENY, List.of());
  static final AclList LAN = AclList.of("lan", AclType.DENY, List.of(AclNode.of(AclType.ALLOW, "10.0.0.0/8")));

  private static AclList named(String n) {
    return switch (n) {
      case "white" -> WHITE;
      case "black" -> BLACK;
      case "deny_all" -> DENY_ALL;
      case "lan" -> LAN;
      default -> throw new IllegalArgumentException(n);
    };
  }

  private static AclChain chain(String names) {
    return AclChain.of(java.util.Arrays.stream(names.split(",")).map(String::strip).map(AclChainTest::named).toList());
  }

  @ParameterizedTest(name = "{0}: {2} through [{1}] -> {3} by {4} ({5})")
  @CsvSource(delimiter = '!', value = {
      "docs/field-guide.md#xcc-acls: whitelist entry passes ! white,black ! 192.168.1.20 ! ALLOW ! white ! allow 192.168.1.0/24",
      "docs/field-guide.md#xcc-acls: rest of the blacklisted /16 is denied, last list named ! white,black ! 192.168.2.20 ! DENY ! black ! deny 192.168.0.0/16",
      "docs/field-guide.md#xcc-acls: outside both blocks the blacklist default allows ! white,black ! 203.0.113.5 ! ALLOW ! black ! default",
      "first allow wins whatever the list order ! black,white ! 192.168.1.20 ! ALLOW ! white ! allow 192.168.1.0/24",
      "first allow stops the walk ! lan,deny_all ! 10.1.1.1 ! ALLOW ! lan ! allow 10.0.0.0/8",
      "none allows: 403, the last list tried is named ! lan,deny_all ! 192.0.2.1 ! DENY ! deny_all ! default",
  })
  void inboundFirstAllowWins(String rule, String names, String ip, AclType decision, String list, String node) {
    AclChainDecision d = chain(names).inbound(IpAddress.parse(ip));
    assertEquals(decision, d.decision(), rule);
    assertEquals(list, d.list().orElseThrow(), rule);
    assertEquals(node, d.nodeText(), rule);
    assertEquals(decision == AclType.ALLOW, chain(names).inboundAllows(IpAddress.parse(ip)), rule);
  }

  @ParameterizedTest(name = "{0}: {2} through [{1}] -> {3} by {4} ({5})")
  @CsvSource(delimiter = '!', value = {
      "every list allows ! black,lan ! 10.1.1.1 ! ALLOW ! lan ! allow 10.0.0.0/8",
      "the first deny gives 403 ! lan,black ! 192.168.1.5 ! DENY ! lan ! default",
      "a later deny still gives 403 ! black,lan ! 192.168.1.5 ! DENY ! black ! deny 192.168.0.0/16",
      "register is not first-allow-wins ! white,black ! 192.168.1.20 ! DENY ! black ! deny 192.168.0.0/16",
  })
  void registerEveryListMustAllow(String rule, String names, String ip, AclType decision, String list, String node) {
    AclChainDecision d = chain(names).register(IpAddress.parse(ip));
    assertEquals(decision, d.decision(), rule);
    assertEquals(list, d.list().orElseThrow(), rule);
    assertEquals(node, d.nodeText(), rule);
  }

  @Test
  void emptyChainChecksNothing() {
    AclChainDecision d = AclChain.of(List.of()).inbound(IpAddress.parse("192.0.2.1"));
    assertTrue(d.allowed());
    assertTrue(d.list().isEmpty());
    assertEquals("none", d.nodeText());
  }

  @Test
  void candidatesFirstCandidateAllowedByFirstListThatAllowsAny() {
    // lists: lan (10/8 only), white (192.168.1/24). SDP order: public, 192.168.1.5, 10.0.0.7.
    AclOfferDecision o = chain("lan,white").candidates(List.of(
        new AclCandidate("203.0.113.5", 40000, "udp"),
        new AclCandidate("192.168.1.5", 40002, "udp"),
        new AclCandidate("10.0.0.7", 40004, "UDP")));
    assertTrue(o.accepted());
    // rule: the first list that allows any candidate is 'lan'; its first allowed candidate is 10.0.0.7
    assertEquals("10.0.0.7", o.chosen().orElseThrow().candidate().address());
    assertEquals(AclType.DENY, o.candidates().get(0).decision());
    // rule: a candidate is usable when any list allows it
    assertEquals(AclType.ALLOW, o.candidates().get(1).decision());
    assertEquals("white", o.candidates().get(1).deciding().orElseThrow().list());
    assertFalse(o.candidates().get(1).chosen());
  }

  @Test
  void candidatesOnlyUdpWithLiteralAddressesAreConsidered() {
    AclOfferDecision o = chain("lan").candidates(List.of(
        new AclCandidate("10.0.0.7", 9, "tcp"),
        new AclCandidate("6c1a0c7e-3b4a.local", 40000, "udp")));
    // rule: TCP and mDNS/FQDN candidates are skipped; nothing usable -> 488
    assertFalse(o.accepted());
    assertTrue(o.candidates().get(0).ignoredReason().orElseThrow().contains("tcp"));
    assertTrue(o.candidates().get(1).ignoredReason().orElseThrow().contains("not an IP literal"));
    assertEquals(AclType.DENY, o.candidates().get(0).decision());
  }

  @Test
  void candidatesWithoutConfiguredListsUseWanAuto() {
    AclOfferDecision o = AclChain.of(List.of()).candidates(List.of(
        AclCandidate.udp("192.168.1.5"), AclCandidate.udp("203.0.113.5")));
    assertTrue(o.defaulted());
    assertEquals(List.of("wan.auto"), o.lists());
    // rule: wan.auto denies the private candidate and allows the public one, which is taken
    assertEquals(AclType.DENY, o.candidates().get(0).decision());
    assertEquals("203.0.113.5", o.chosen().orElseThrow().candidate().address());
  }

  @Test
  void candidatesAllDeniedGive488() {
    AclOfferDecision o = chain("white").candidates(List.of(
        AclCandidate.udp("10.0.0.7"), AclCandidate.udp("203.0.113.5")));
    assertFalse(o.accepted(), "every candidate denied -> 488");
    assertTrue(o.candidates().stream().noneMatch(AclCandidateDecision::allowed));
    assertEquals("default", o.candidates().get(0).nodeText());
  }

  @Test
  void evaluateInCandidateModeTreatsAddressAsUdpCandidate() {
    AclChainDecision d = chain("white").evaluate(AclMode.CANDIDATE, IpAddress.parse("192.168.1.9"));
    assertTrue(d.allowed());
    assertEquals("white", d.list().orElseThrow());
  }
}
