package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclCandidateDecision;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclList;
import org.xphonediag.core.acl.AclNode;
import org.xphonediag.core.acl.AclType;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;

/**
 * The real-world SDP corpus ({@code realworld/sdp/}, provenance, licences and the reasoning for each
 * expectation in its README): every file parses, or gets a located error where RFC 8866 calls it
 * invalid; the verdicts are the ones derived there from RFC 8839/8866 and FreeSWITCH's
 * {@code check_ice}; no healthy SDP gets a FAIL.
 */
class RealWorldSdpCorpusTest {
  private static final AclChain WAN_AUTO = AclChain.of(List.of()); // no list: FreeSWITCH applies wan.auto
  /** The candidate list of the ACL corpus's bbb-minimal-fs file, with its include left out. */
  private static final AclChain BBB_ICE = AclChain.of(List.of(AclList.of("ice", AclType.ALLOW, Stream.of(
      "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "169.254.0.0/16", "fe80::/10", "100.64.0.0/10")
      .map(c -> AclNode.of(AclType.DENY, c)).toList())));

  private static Path dir() {
    try {
      return Path.of(RealWorldSdpCorpusTest.class.getResource("/realworld/sdp").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SessionDescription parse(String file) throws IOException, SdpFormatException {
    try (InputStream in = Files.newInputStream(dir().resolve(file))) {
      return SdpParser.defaults().parse(in, file);
    }
  }

  private static String findings(SdpAnalysis a) {
    if (a.findings().isEmpty()) {
      return "none";
    }
    Map<String, Long> counted = a.findings().stream().collect(Collectors.groupingBy(
        f -> f.code() + ":" + f.severity(), java.util.TreeMap::new, Collectors.counting()));
    return counted.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? "x" + e.getValue() : ""))
        .collect(Collectors.joining(" "));
  }

  private static String chosen(SdpAnalysis a) {
    return a.firstChoice().map(c -> c.endpoint()).orElse("-");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // file | role | ice | findings | first choice (no ACL, IPv4 XCC)
      "sdp-transform-jssip.sdp | unknown | true | none | 192.168.34.75:60017",
      "sdp-transform-normal.sdp | unknown | true | media.address-mismatch:WARNx4 | 203.0.113.1:54400",
      "sdp-transform-hacky.sdp | unknown | true | none | 0.0.0.0:60672",
      "sdp-transform-icelite.sdp | unknown | true | media.missing-public-candidate:WARN | 192.168.100.100:10018",
      "sdp-transform-jsep.sdp | unknown | true | none | 192.0.2.1:56500",
      "sdp-transform-tcp-active.sdp | unknown | false | none | -",
      "sdp-transform-invalid.sdp | unknown | false | none | -",
      "ex-webrtc-chromium-offer.sdp | unknown | true | none | -",
      "ex-webrtc-firefox-offer.sdp | unknown | true | none | -",
      "ex-webrtc-obs-offer.sdp | unknown | true | media.missing-public-candidate:WARN | 192.168.68.60:58712",
      "libwebrtc-firefox-nightly-offer.sdp | unknown | true | none | 172.16.191.1:61725",
      "pcapplusplus-ipp-t38-udptl.sdp | unknown | false | none | -",
      "sngrep-sipps-offer.sdp | unknown | false | none | -",
      "sngrep-ipip-offer.sdp | unknown | false | none | -",
      "sngrep-ipip-answer.sdp | unknown | false | none | -",
      "sngrep-ipv6-offer.sdp | unknown | false | none | -",
      "sngrep-ipv6-answer.sdp | unknown | false | none | -",
      "sip3-freeswitch-answer.sdp | xcc | false | none | -",
      "sip3-asterisk-offer.sdp | unknown | false | none | -",
      "sip3-broadworks-offer.sdp | unknown | false | none | -",
  })
  void everyFileHasItsExpectedVerdictAndNoFail(String file, String role, boolean ice, String expectedFindings,
      String firstChoice) throws Exception {
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(parse(file));
    assertEquals(role, a.role().jsonName(), file);
    assertEquals(ice, a.details().get("ice").orElseThrow(), file);
    assertEquals(expectedFindings, findings(a), file + ": " + a.findings());
    assertEquals(firstChoice, chosen(a), file);
    assertTrue(a.toResult().status().compareTo(Status.FAIL) < 0, file + " is healthy: no FAIL");
    if (!ice) {
      assertTrue(a.details().get("iceDetail").orElseThrow().toString().startsWith("no ICE"), file);
    }
  }

  @Test
  void everyFileInTheDirectoryIsInTheTable() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      assertEquals(21, files.filter(p -> p.toString().endsWith(".sdp")).count(),
          "a new corpus file needs a row here and in the README");
    }
  }

  @Test
  void rtpmapWithoutClockRateIsALocatedErrorAsRfc8866Says() {
    SdpFormatException e = assertThrows(SdpFormatException.class, () -> parse("sdp-transform-alac.sdp"));
    assertEquals(7, e.location().line().getAsInt());
    assertEquals(10, e.location().column().getAsInt());
  }

  @ParameterizedTest(name = "{0} with {1}, {2} XCC -> {3}")
  @CsvSource(delimiter = '|', value = {
      // file | candidate ACL | XCC RTP families | candidate FreeSWITCH takes, or 488
      "sdp-transform-jssip.sdp | wan.auto | ipv4 | 193.84.77.194:60017",
      "sdp-transform-normal.sdp | wan.auto | ipv4 | 203.0.113.1:54400",
      "sdp-transform-hacky.sdp | wan.auto | ipv4 | 488",
      "sdp-transform-icelite.sdp | wan.auto | ipv4 | 488",
      "sdp-transform-jsep.sdp | wan.auto | ipv4 | 192.0.2.1:56500",
      "ex-webrtc-obs-offer.sdp | wan.auto | ipv4 | 488",
      "ex-webrtc-obs-offer.sdp | wan.auto | dual | [fd00::3f:ad47]:58712",
      "ex-webrtc-obs-offer.sdp | bbb-ice | dual | 488",
      "libwebrtc-firefox-nightly-offer.sdp | wan.auto | ipv4 | 74.95.2.170:36993",
      "libwebrtc-firefox-nightly-offer.sdp | bbb-ice | ipv4 | 74.95.2.170:36993",
  })
  void candidatePickAsFreeSwitchCheckIce(String file, String acl, String family, String expected) throws Exception {
    RtpFamilies f = RtpFamilies.parse(family);
    AclChain chain = acl.equals("wan.auto") ? WAN_AUTO : BBB_ICE;
    SdpAnalysis a = SdpAnalyzer.builder().xccFamilies(f).candidateAcl(CandidateAcl.of(chain, f)).build()
        .analyze(parse(file));
    assertEquals(expected, a.firstChoice().map(c -> c.endpoint()).orElse("488"), file);
    Optional<Finding> offerDenied = a.findings().stream().filter(x -> x.code().equals("acl.candidate-denied")
        && x.severity() == Status.FAIL).findFirst();
    assertEquals(expected.equals("488"), offerDenied.isPresent(), file + ": " + a.findings());
    assertTrue(a.aclDecision().orElseThrow().certain());
  }

  @Test
  void ipv6CandidateIsDroppedForAnIpv4OnlyXccWithTheReasonInTheDetails() throws Exception {
    SdpAnalysis a = SdpAnalyzer.builder().candidateAcl(CandidateAcl.of(WAN_AUTO)).build()
        .analyze(parse("ex-webrtc-obs-offer.sdp"));
    AclCandidateDecision v6 = a.aclDecision().orElseThrow().candidates().get(0);
    assertEquals("fd00::3f:ad47", v6.candidate().address());
    assertFalse(v6.allowed());
    assertTrue(v6.ignoredReason().orElseThrow().contains("no IPv6 rtp-ip"), v6.ignoredReason().toString());
    assertEquals("ipv4", a.details().get("xccFamily").orElseThrow());
  }
}
