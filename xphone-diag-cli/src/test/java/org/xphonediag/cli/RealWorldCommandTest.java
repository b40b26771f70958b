package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code sdp} and {@code acl} on the real-world corpora of the sip and core modules (their READMEs
 * give provenance and the expected verdicts): exit codes, JSON fields and the XCC's RTP family.
 */
class RealWorldCommandTest {
  private static final Path SDP = Path.of("..", "xphone-diag-sip", "src", "test", "resources", "realworld", "sdp");
  private static final Path ACL = Path.of("..", "xphone-diag-core", "src", "test", "resources", "realworld", "acl");

  private static String sdp(String name) {
    Path p = SDP.resolve(name);
    assertTrue(Files.isRegularFile(p), p.toAbsolutePath().toString());
    return p.toString();
  }

  private static String acl(String name) {
    Path p = ACL.resolve(name);
    assertTrue(Files.isRegularFile(p), p.toAbsolutePath().toString());
    return p.toString();
  }

  private static JsonNode result(CliRun r) throws Exception {
    return r.json().get("results").get(0);
  }

  @Test
  void freeSwitchTrunkAnswerWithoutIceHasNoCandidateFinding() throws Exception {
    CliRun r = CliRun.of("sdp", sdp("sip3-freeswitch-answer.sdp"), "--json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    JsonNode res = result(r);
    assertEquals(0, res.get("findings").size(), res.toString());
    assertEquals("xcc", r.json().get("data").get("origin").get("role").asText());
    assertFalse(res.get("details").get("ice").asBoolean());
    assertTrue(res.get("details").get("iceDetail").asText().startsWith("no ICE"));
  }

  @Test
  void xccFamilyDecidesWhetherTheIpv6CandidateCanBeTaken() throws Exception {
    CliRun v4 = CliRun.of("sdp", sdp("ex-webrtc-obs-offer.sdp"), "--json");
    assertEquals(0, v4.exitCode(), "only a WARN: " + v4.out());
    assertEquals("192.168.68.60:58712", result(v4).get("details").get("firstChoice").asText());
    assertEquals("ipv4", result(v4).get("details").get("xccFamily").asText());
    CliRun dual = CliRun.of("sdp", sdp("ex-webrtc-obs-offer.sdp"), "--xcc-family", "dual", "--json");
    assertEquals("[fd00::3f:ad47]:58712", result(dual).get("details").get("firstChoice").asText());
    CliRun bad = CliRun.of("sdp", sdp("ex-webrtc-obs-offer.sdp"), "--xcc-family", "v6");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--xcc-family"), bad.err());
  }

  @Test
  void aclSdpPicksAsCheckIcePerFamily() throws Exception {
    CliRun v4 = CliRun.of("acl", "--acl", acl("freeswitch-sbc-acl.conf.xml"), "--list", "dl-candidates",
        "--sdp", sdp("ex-webrtc-obs-offer.sdp"), "--json");
    assertEquals(0, v4.exitCode(), v4.out());
    assertEquals("100.86.241.178", v4.json().get("data").get("chosen").asText(),
        "IPv6 dropped, the private host denied; dl-candidates has no CGNAT node, so FreeSWITCH takes that one");
    JsonNode rows = v4.json().get("data").get("decisions");
    assertEquals("ignored", rows.get(0).get("reason").asText());
    assertTrue(rows.get(0).get("node").asText().contains("no IPv6 rtp-ip"), rows.get(0).toString());
    CliRun dual = CliRun.of("acl", "--acl", acl("freeswitch-sbc-acl.conf.xml"), "--list", "dl-candidates",
        "--sdp", sdp("ex-webrtc-obs-offer.sdp"), "--xcc-family", "dual", "--json");
    assertEquals(0, dual.exitCode(), dual.out());
    assertEquals("fd00::3f:ad47", dual.json().get("data").get("chosen").asText());
    assertEquals("dual", dual.json().get("data").get("xccFamily").asText());
    assertTrue(dual.json().get("data").get("certain").asBoolean());
  }

  @Test
  void aclSdpWithIncludedNodesIsUncertainNotFail() throws Exception {
    CliRun r = CliRun.of("acl", "--acl", acl("bbb-minimal-fs-acl.conf.xml"), "--list", "ice",
        "--sdp", sdp("ex-webrtc-obs-offer.sdp"), "--json");
    assertEquals(0, r.exitCode(), "a 488 that an included node could avert is a WARN: " + r.out());
    assertFalse(r.json().get("data").get("certain").asBoolean());
    assertTrue(r.out().contains("acl.candidate-denied"), r.out());
  }

  @Test
  void aclSdpWithoutCandidatesAppliesNoCandidateAcl() throws Exception {
    CliRun r = CliRun.of("acl", "--acl", acl("freeswitch-sbc-acl.conf.xml"), "--list", "dl-candidates",
        "--sdp", sdp("sngrep-sipps-offer.sdp"), "--json");
    assertEquals(0, r.exitCode(), r.out());
    assertEquals(0, r.json().get("data").get("decisions").size());
    assertTrue(result(r).get("details").get("iceDetail").asText().contains("no candidate"), r.out());
  }

  @Test
  void caseMismatchedListNameDeniesWithUnknownListFinding() throws Exception {
    CliRun r = CliRun.of("acl", "--acl", acl("freeswitch-minimal-acl.conf.xml"), "--list", "Domains", "--ip",
        "10.0.0.5", "--json");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("acl.unknown-list", result(r).get("findings").get(0).get("code").asText());
    assertEquals("deny", r.json().get("data").get("decisions").get(0).get("decision").asText());
  }

  @Test
  void listReplacingABuiltInIsEvaluatedAndWarned() throws Exception {
    CliRun r = CliRun.of("acl", "--acl", acl("somleng-acl.conf.xml"), "--list", "loopback.auto", "--ip",
        "198.51.100.7", "--json");
    assertEquals(0, r.exitCode(), r.out());
    assertEquals("allow", r.json().get("data").get("decisions").get(0).get("decision").asText());
    assertTrue(r.json().get("results").get(1).get("findings").toString().contains("config.duplicate-key"), r.out());
  }

  @Test
  void sdpTheRfcCallsInvalidIsALocatedExitTwo() {
    CliRun r = CliRun.of("sdp", sdp("sdp-transform-alac.sdp"));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains(":7:10:"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }
}
