package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclList;
import org.xphonediag.core.acl.AclNode;
import org.xphonediag.core.acl.AclType;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;

class SdpAnalyzerTest {

  private static SessionDescription fixture(String name) throws Exception {
    try (InputStream in = SdpAnalyzerTest.class.getResourceAsStream("/sdp/" + name)) {
      return SdpParser.defaults().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    }
  }

  private static SessionDescription sdp(String origin, String... candidates) throws Exception {
    StringBuilder sb = new StringBuilder("v=0\r\no=" + origin + " 1 1 IN IP4 10.0.0.1\r\ns=-\r\nm=audio 31000 RTP/AVP 0\r\n"
        + "a=ice-ufrag:Xb7q\r\n");
    for (String c : candidates) {
      sb.append("a=candidate:").append(c).append("\r\n");
    }
    return SdpParser.defaults().parse(sb.toString(), "t.sdp");
  }

  private static List<String> codes(SdpAnalysis a) {
    return a.findings().stream().map(Finding::code).toList();
  }

  @Test
  void analyzeWhenIceLinkOfferIsGoodThenPassesAsClient() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(fixture("client-icelink.sdp"));
    assertEquals(SdpRole.CLIENT, a.role());
    assertTrue(a.hasPrivateHost());
    assertTrue(a.hasPublicCandidate());
    assertEquals(List.of(), codes(a));
    assertEquals("192.168.101.12:50000", a.firstChoice().orElseThrow().endpoint());
    CheckResult r = a.toResult();
    assertEquals(Status.PASS, r.status());
    assertEquals("client", r.details().get("role").orElseThrow());
  }

  @Test
  void analyzeWhenFreeSwitchAnswerIsGoodThenPassesAsXccWithPortsInRange() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(fixture("xcc-freeswitch.sdp"));
    assertEquals(SdpRole.XCC, a.role());
    assertEquals(List.of(), codes(a));
    assertEquals(List.of(), a.details().get("portsOutsideMediaRange").orElseThrow());
    assertEquals("30000-33000", a.details().get("mediaPortRange").orElseThrow());
    assertTrue(a.firstChoice().isEmpty(), "FreeSWITCH does not choose among its own candidates");
  }

  @Test
  void analyzeWhenXccSdpThenAclNotConsulted() throws Exception {
    CandidateAcl failing = cands -> {
      throw new AssertionError("the ACL judges offers to the XCC, not the XCC's answer");
    };
    SdpAnalysis a = SdpAnalyzer.builder().candidateAcl(failing).build().analyze(fixture("xcc-freeswitch.sdp"));
    assertTrue(a.aclDecision().isEmpty());
  }

  @Test
  void analyzeWhenXccPortOutsideConfiguredRangeThenListsIt() throws Exception {
    SdpAnalysis a = SdpAnalyzer.builder().mediaPorts(PortRange.parse("40000-41000")).build()
        .analyze(fixture("xcc-freeswitch.sdp"));
    assertEquals(List.of(31234), a.details().get("portsOutsideMediaRange").orElseThrow());
  }

  @Test
  void analyzeWhenPublicCandidatesMalformedThenMissingPublicAndMalformedFindings() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(fixture("client-private-only.sdp"));
    assertEquals(List.of("sdp.malformed-candidate", "sdp.malformed-candidate", "media.missing-public-candidate"),
        codes(a));
    assertEquals(10, a.findings().get(0).location().orElseThrow().line().getAsInt());
    assertEquals(Status.FAIL, a.toResult().status());
    assertFalse(a.hasPublicCandidate());
  }

  @Test
  void analyzeWhenOnlyPublicCandidatesThenMissingPrivate() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp("FreeSWITCH",
        "1 1 udp 100 198.51.100.20 31000 typ srflx raddr 198.51.100.20 rport 31000"));
    assertEquals(List.of("media.missing-private-candidate"), codes(a));
  }

  @Test
  void analyzeWhenNoCandidatesThenNoMissingCandidateFindings() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp("IceLink"));
    assertEquals(List.of(), codes(a));
    assertTrue(a.firstChoice().isEmpty());
  }

  @Test
  void analyzeWhenSrflxRaddrNamesNoHostThenWarnsAddressMismatch() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp("IceLink",
        "1 1 udp 2130706431 192.168.1.10 50000 typ host",
        "2 1 udp 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.2.10 rport 50000"));
    assertEquals(List.of("media.address-mismatch"), codes(a));
    assertEquals(Status.WARN, a.findings().get(0).severity());
    assertTrue(a.findings().get(0).message().contains("raddr 192.168.2.10"), a.findings().get(0).message());
  }

  @Test
  void analyzeWhenUnknownTypeOrMissingRaddrThenWarns() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp("IceLink",
        "1 1 udp 2130706431 192.168.1.10 50000 typ host",
        "2 1 udp 1694498815 203.0.113.7 50000 typ srflx",
        "3 1 udp 10 192.168.1.10 50001 typ x-new"));
    assertEquals(List.of("sdp.malformed-candidate", "sdp.malformed-candidate"), codes(a));
    assertEquals(Status.WARN, a.toResult().status());
    assertEquals(7, a.findings().get(0).location().orElseThrow().line().getAsInt());
  }

  @Test
  void analyzeWhenOriginUnknownThenRoleUnknownUnlessConfigured() throws Exception {
    SessionDescription s = sdp("sipsorcery", "1 1 udp 100 10.0.0.1 5000 typ host");
    assertEquals(SdpRole.UNKNOWN, SdpAnalyzer.defaults().analyze(s).role());
    assertEquals(SdpRole.CLIENT, SdpAnalyzer.builder().role("SIPSorcery", SdpRole.CLIENT).build().analyze(s).role());
    assertEquals(SdpRole.XCC, SdpAnalyzer.defaults().analyze(sdp("freeswitch")).role());
  }

  @Test
  void analyzeFirstChoiceSkipsRtcpTcpAndNames() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp("IceLink",
        "1 2 udp 100 10.0.0.1 5001 typ host",
        "2 1 tcp 100 10.0.0.1 9 typ host tcptype active",
        "3 1 udp 100 abc.local 5000 typ host",
        "4 1 UDP 100 10.0.0.2 5000 typ host"));
    assertEquals("10.0.0.2:5000", a.firstChoice().orElseThrow().endpoint());
  }

  @Test
  void analyzeWhenAclDeniesAllThenPredicts488() throws Exception {
    List<List<SdpCandidate>> seen = new ArrayList<>();
    AclChain denyingChain = AclChain.of(List.of(AclList.of("xcc_candidates", AclType.DENY, List.of())));
    CandidateAcl denyAll = cands -> {
      seen.add(cands);
      return denyingChain.candidates(cands.stream().map(FreeSwitchIce::toAcl).toList(), RtpFamilies.DEFAULT);
    };
    SdpAnalysis a = SdpAnalyzer.builder().candidateAcl(denyAll).build().analyze(fixture("client-icelink.sdp"));
    assertEquals(2, seen.get(0).size());
    assertEquals(List.of("acl.candidate-denied"), codes(a));
    assertEquals(Status.FAIL, a.findings().get(0).severity());
    assertTrue(a.findings().get(0).message().contains("488"), a.findings().get(0).message());
    assertTrue(a.firstChoice().isEmpty());
  }

  @Test
  void analyzeWhenAclDeniesPublicThenWarnsAndTakesAclChoice() throws Exception {
    CandidateAcl privateOnly = CandidateAcl.of(AclChain.of(List.of(AclList.of("xcc_localnet", AclType.DENY,
        List.of(AclNode.of(AclType.ALLOW, "192.168.0.0/16"))))));
    SdpAnalysis a = SdpAnalyzer.builder().candidateAcl(privateOnly).build().analyze(fixture("client-icelink.sdp"));
    assertEquals(List.of("acl.candidate-denied"), codes(a));
    assertEquals(Status.WARN, a.findings().get(0).severity());
    assertEquals("192.168.101.12:50000", a.firstChoice().orElseThrow().endpoint());
    assertTrue(a.details().get("aclDecisions").isPresent());
  }

  @Test
  void analyzeWhenPlainSdpWithoutIceThenNoCandidateFindingAndSaysNoIce() throws Exception {
    SessionDescription s = SdpParser.defaults().parse("v=0\r\no=FreeSWITCH 1 2 IN IP4 10.0.0.5\r\ns=FreeSWITCH\r\n"
        + "c=IN IP4 10.0.0.5\r\nt=0 0\r\nm=audio 31000 RTP/AVP 8 101\r\n", "trunk.sdp");
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(s);
    assertEquals(List.of(), codes(a), "RFC 8839: no candidates, no ice-ufrag: not an ICE leg");
    assertEquals(false, a.details().get("ice").orElseThrow());
    assertTrue(a.details().get("iceDetail").orElseThrow().toString().contains("no ICE"));
    assertEquals(Status.PASS, a.toResult().status());
  }

  @Test
  void analyzeWhenUnknownSenderOffersOnlyPrivateThenWarnNotFail() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp("-", "1 1 udp 2130706431 192.168.1.10 50000 typ host"));
    assertEquals(List.of("media.missing-public-candidate"), codes(a));
    assertEquals(Status.WARN, a.findings().get(0).severity());
    assertEquals(Status.FAIL, SdpAnalyzer.defaults().analyze(sdp("IceLink",
        "1 1 udp 2130706431 192.168.1.10 50000 typ host")).findings().get(0).severity(), "the XPhone client: FAIL");
  }

  @Test
  void analyzeWhenHostIsPublicThenNoMissingPrivate() throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp("FreeSWITCH", "1 1 udp 2130706431 198.51.100.20 31000 typ host"));
    assertEquals(List.of(), codes(a), "an XCC on a public address has nothing private to offer");
  }

  @Test
  void analyzeWhenCandidatesWithoutUfragThenFreeSwitchIgnoresThem() throws Exception {
    SessionDescription s = SdpParser.defaults().parse("v=0\r\no=IceLink 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
        + "m=audio 50000 RTP/AVP 0\r\na=candidate:1 1 udp 2130706431 192.168.1.10 50000 typ host\r\n"
        + "a=candidate:2 1 udp 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.1.10 rport 50000\r\n", "t.sdp");
    SdpAnalysis a = SdpAnalyzer.builder().candidateAcl(c -> {
      throw new AssertionError("check_ice reads no candidates without an ice-ufrag");
    }).build().analyze(s);
    assertTrue(a.firstChoice().isEmpty());
    assertTrue(a.details().get("iceDetail").orElseThrow().toString().contains("ice-ufrag"));
  }

  @Test
  void analyzeReadsSessionLevelUfragAndKeepsAddressesAsWritten() throws Exception {
    SessionDescription s = SdpParser.defaults().parse("v=0\r\no=IceLink 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
        + "a=ice-ufrag:Xb7q\r\nm=audio 50000 RTP/AVP 0\r\n"
        + "a=candidate:1 1 udp 2130706431 ::FFFF:192.168.1.10 50000 typ host\r\n"
        + "a=candidate:2 1 udp 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.1.10 rport 50000\r\n", "t.sdp");
    assertEquals("::FFFF:192.168.1.10", s.candidates().get(0).addressText());
    assertEquals("::ffff:192.168.1.10", s.candidates().get(0).address());
    SdpAnalysis v4 = SdpAnalyzer.defaults().analyze(s);
    assertEquals("203.0.113.7:50000", v4.firstChoice().orElseThrow().endpoint(),
        "the mapped address is IPv6 to ip_possible: an IPv4-only XCC skips it");
    SdpAnalysis dual = SdpAnalyzer.builder().xccFamilies(org.xphonediag.core.acl.RtpFamilies.DUAL).build().analyze(s);
    assertEquals("[::ffff:192.168.1.10]:50000", dual.firstChoice().orElseThrow().endpoint());
  }
}
