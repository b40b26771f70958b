package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which candidate FreeSWITCH takes: {@code check_ice} in switch_core_media.c (the UDP, component,
 * IP-literal and {@code ip_possible} filters, list-then-candidate order, relay as last resort).
 */
class AclCandidatePickTest {
  private static final AclList ANY = AclList.of("any", AclType.ALLOW, List.of());
  private static final AclList LAN = AclList.of("lan", AclType.DENY, List.of(AclNode.of(AclType.ALLOW, "10.0.0.0/8")));
  private static final AclList PUBLIC = AclList.of("public", AclType.ALLOW,
      List.of(AclNode.of(AclType.DENY, "10.0.0.0/8"), AclNode.of(AclType.DENY, "192.168.0.0/16")));

  private static AclCandidate cand(String address, int component, String type) {
    return new AclCandidate(address, 50000, "udp", component, type);
  }

  @Test
  void ipv6CandidateIsDroppedByAnIpv4OnlyXccAndTakenByADualOne() {
    List<AclCandidate> offer = List.of(cand("2001:db8::7", 1, "host"), cand("203.0.113.7", 1, "srflx"));
    AclOfferDecision v4 = AclChain.of(List.of(ANY)).candidates(offer);
    assertEquals(RtpFamilies.IPV4, v4.families());
    assertEquals("203.0.113.7", v4.chosen().orElseThrow().candidate().address(), "ip_possible: no IPv6 rtp-ip");
    assertTrue(v4.candidates().get(0).ignoredReason().orElseThrow().contains("no network path"));
    AclOfferDecision dual = AclChain.of(List.of(ANY)).candidates(offer, RtpFamilies.DUAL);
    assertEquals("2001:db8::7", dual.chosen().orElseThrow().candidate().address());
    AclOfferDecision v6 = AclChain.of(List.of(ANY)).candidates(offer, RtpFamilies.IPV6);
    assertEquals("2001:db8::7", v6.chosen().orElseThrow().candidate().address());
    assertTrue(v6.candidates().get(1).ignoredReason().isPresent(), "an IPv6-only XCC drops IPv4 candidates");
  }

  @Test
  void onlyIpv6CandidatesOnIpv4XccGet488() {
    AclOfferDecision o = AclChain.of(List.of(ANY)).candidates(List.of(cand("2001:db8::7", 1, "host")));
    assertFalse(o.accepted());
    List<org.xphonediag.core.Finding> f = AclFindings.candidateDenied(o);
    assertTrue(f.get(f.size() - 1).message().contains("only ipv4 RTP"), f.get(f.size() - 1).message());
  }

  @Test
  void mappedCandidateCountsAsIpv6ForTheFamilyButIsMatchedAsIpv4() {
    List<AclCandidate> offer = List.of(cand("::ffff:10.1.2.3", 1, "host"));
    assertFalse(AclChain.of(List.of(LAN)).candidates(offer).accepted(), "ip_possible sees a ':'");
    AclOfferDecision dual = AclChain.of(List.of(LAN)).candidates(offer, RtpFamilies.DUAL);
    assertTrue(dual.accepted(), "switch_check_network_list_ip matches it as 10.1.2.3");
  }

  @Test
  void firstListThatAllowsAnyPicksItsFirstCandidate() {
    List<AclCandidate> offer = List.of(cand("203.0.113.7", 1, "srflx"), cand("10.1.1.1", 1, "host"));
    AclOfferDecision o = AclChain.of(List.of(LAN, PUBLIC)).candidates(offer);
    assertEquals("10.1.1.1", o.chosen().orElseThrow().candidate().address(), "list order beats SDP order");
    AclOfferDecision swapped = AclChain.of(List.of(PUBLIC, LAN)).candidates(offer);
    assertEquals("203.0.113.7", swapped.chosen().orElseThrow().candidate().address());
  }

  @Test
  void relayIsTakenOnlyWhenNoOtherCandidateIsAllowed() {
    AclCandidate relay = cand("198.51.100.9", 1, "relay");
    AclCandidate host = cand("10.1.1.1", 1, "host");
    AclCandidate srflx = cand("203.0.113.7", 1, "srflx");
    assertEquals("203.0.113.7", AclChain.of(List.of(PUBLIC)).candidates(List.of(relay, host, srflx))
        .chosen().orElseThrow().candidate().address(), "a non-relay candidate later in the SDP wins");
    AclOfferDecision lastResort = AclChain.of(List.of(PUBLIC)).candidates(List.of(relay, host));
    assertEquals("198.51.100.9", lastResort.chosen().orElseThrow().candidate().address());
  }

  @Test
  void onlyComponentOneIsTakenForRtpAndComponentsAboveTwoAreDropped() {
    List<AclCandidate> offer = List.of(cand("10.1.1.1", 2, "host"), cand("10.1.1.2", 3, "host"),
        cand("10.1.1.3", 1, "host"));
    AclOfferDecision o = AclChain.of(List.of(LAN)).candidates(offer);
    assertEquals("10.1.1.3", o.chosen().orElseThrow().candidate().address());
    assertTrue(o.candidates().get(0).allowed(), "component 2 is read and checked");
    assertTrue(o.candidates().get(1).ignoredReason().orElseThrow().contains("component 3"));
    assertFalse(AclChain.of(List.of(LAN)).candidates(List.of(cand("10.1.1.1", 2, "host"))).accepted(),
        "no RTP candidate: 488");
  }

  @Test
  void tcpAndNamesAreDroppedBeforeTheAcl() {
    AclOfferDecision o = AclChain.of(List.of(ANY)).candidates(List.of(
        new AclCandidate("10.1.1.1", 9, "tcp", 1, "host"), cand("4e1c5e3b-1.local", 1, "host")));
    assertFalse(o.accepted());
    assertTrue(o.candidates().get(0).ignoredReason().orElseThrow().contains("UDP"));
    assertTrue(o.candidates().get(1).ignoredReason().orElseThrow().contains("ice-resolve-candidate"));
  }

  @Test
  void atMostFortyNineCandidatesPerComponentAreRead() {
    List<AclCandidate> offer = new ArrayList<>();
    for (int i = 0; i < 49; i++) {
      offer.add(cand("192.168.0." + (i + 1), 1, "host"));
    }
    offer.add(cand("10.9.9.9", 1, "host"));
    AclOfferDecision o = AclChain.of(List.of(LAN)).candidates(offer);
    assertFalse(o.accepted(), "the 50th candidate never reaches the ACL");
    assertTrue(o.candidates().get(49).ignoredReason().orElseThrow().contains("49"));
  }

  @Test
  void pickRestingOnAnIncludedListIsUncertain() throws Exception {
    AclConfig c = AclConfig.parse("<configuration name=\"acl.conf\"><network-lists>\n<list name=\"ice\" default=\"allow\">\n"
        + "<node type=\"deny\" cidr=\"10.0.0.0/8\"/>\n<X-PRE-PROCESS cmd=\"include\" data=\"acl-ice/*.xml\"/>\n</list>\n"
        + "</network-lists></configuration>", "ice.xml");
    AclOfferDecision o = AclChain.resolveAsXcc(c, List.of("ice"), List.of())
        .candidates(List.of(cand("203.0.113.7", 1, "srflx")));
    assertTrue(o.accepted());
    assertFalse(o.certain(), "an included node may deny it");
    assertEquals("acl.not-evaluable", o.caveats().get(0).code());
  }

  @Test
  void familyOptionParsesAndRefusesOtherWords() {
    assertEquals(RtpFamilies.DUAL, RtpFamilies.parse("Dual"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtpFamilies.parse("v4"));
    assertTrue(e.getMessage().contains("ipv4, ipv6 or dual"), e.getMessage());
  }
}
