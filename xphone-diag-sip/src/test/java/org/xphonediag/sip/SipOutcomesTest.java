package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclList;
import org.xphonediag.core.acl.AclNode;
import org.xphonediag.core.acl.AclType;
import org.xphonediag.core.net.Transport;
import org.xphonediag.sip.sdp.SdpParser;

/** The details of the SIP and SDP outcomes keep the keys and values the results had before there were outcomes. */
class SipOutcomesTest {

  @Test
  void sipAnswerDetailsOfAnAnsweredInvite() {
    SipAnswer a = new SipAnswer(SipMethod.INVITE, SipUri.parse("sip:xcc@10.0.0.5:5060"), Transport.UDP,
        SipAnswer.Kind.ANSWERED, 488, "Not Acceptable Here", List.of(100, 180), Duration.ofMillis(42),
        Duration.ofSeconds(5), List.of("ack"), null);
    Details expected = Details.builder().put("method", "INVITE").put("target", "sip:xcc@10.0.0.5:5060")
        .put("transport", "udp").put("outcome", "answered").put("statusCode", 488)
        .put("reason", "Not Acceptable Here").put("provisional", List.of(100, 180)).put("elapsed", Duration.ofMillis(42))
        .put("cleanup", List.of("ack")).build();
    assertEquals(expected, a.details());
    CheckResult r = a.toResult(CheckCatalog.SIP_PROBE);
    assertEquals(expected, r.details());
    assertSame(a, r.outcome(SipAnswer.class).orElseThrow());
    assertEquals(List.of("sip.not-acceptable"), r.findings().stream().map(f -> f.code()).toList());
  }

  @Test
  void sipAnswerDetailsWithoutAnAnswerHaveNoStatus() {
    SipAnswer a = new SipAnswer(SipMethod.OPTIONS, SipUri.parse("sip:127.0.0.1:4900;transport=tcp"), Transport.TCP,
        SipAnswer.Kind.NO_ANSWER, 0, null, List.of(), Duration.ofSeconds(5), Duration.ofSeconds(5), List.of(), null);
    assertEquals(Details.builder().put("method", "OPTIONS").put("target", "sip:127.0.0.1:4900;transport=tcp")
        .put("transport", "tcp").put("outcome", "no-answer").put("provisional", List.of())
        .put("elapsed", Duration.ofSeconds(5)).put("cleanup", List.of()).build(), a.details());
  }

  @Test
  void sdpAnalysisIsTheOutcomeOfItsResultWithItsDetails() throws Exception {
    String text = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 192.168.1.10", "s=-", "c=IN IP4 192.168.1.10", "t=0 0",
        "m=audio 50000 RTP/AVP 0", "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuv",
        "a=candidate:1 1 UDP 2130706431 192.168.1.10 50000 typ host",
        "a=candidate:2 1 UDP 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.1.10 rport 50000", "");
    CandidateAcl acl = CandidateAcl.of(AclChain.of(List.of(AclList.of("xcc_candidates", AclType.DENY,
        List.of(AclNode.of(AclType.ALLOW, "192.168.0.0/16"))))));
    SdpAnalysis a = SdpAnalyzer.builder().candidateAcl(acl).build()
        .analyze(SdpParser.defaults().parse(new String(text.getBytes(StandardCharsets.US_ASCII),
            StandardCharsets.US_ASCII), "offer.sdp"));
    Details expected = Details.builder().put("role", "unknown").put("originUsername", "-").put("candidates", 2)
        .put("malformedCandidates", 0).put("privateHostCandidate", true).put("publicCandidate", true).put("ice", true)
        .put("firstChoice", "192.168.1.10:50000").put("xccFamily", "ipv4")
        .put("aclDecisions", List.of(
            Details.builder().put("candidate", "192.168.1.10:50000").put("decision", "allow")
                .put("list", "xcc_candidates").put("node", "allow 192.168.0.0/16").put("certain", true).build(),
            Details.builder().put("candidate", "203.0.113.7:50000").put("decision", "deny")
                .put("list", "xcc_candidates").put("node", "default").put("certain", true).build()))
        .put("aclCertain", true).build();
    assertEquals(expected, a.details());
    CheckResult r = a.toResult();
    assertEquals(expected, r.details());
    assertSame(a, r.outcome(SdpAnalysis.class).orElseThrow());
  }
}
