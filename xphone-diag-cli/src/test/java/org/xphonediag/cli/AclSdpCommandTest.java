package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACL engine fed by the SDP parser: {@code acl --sdp} and {@code sdp --acl} (docs/field-guide.md#xcc-acls, #failure-patterns). */
class AclSdpCommandTest {
  private static final String OFFER = String.join("\r\n",
      "v=0", "o=IceLink 3775293749 1 IN IP4 192.168.101.12", "s=-", "c=IN IP4 192.168.101.12", "t=0 0",
      "m=audio 50000 UDP/TLS/RTP/SAVPF 0", "a=ice-ufrag:8b708ebc", "a=ice-pwd:BUmkOSgeYbP7L5rFqq1234",
      "a=candidate:1 1 UDP 2130706431 192.168.101.12 50000 typ host generation 0",
      "a=candidate:2 1 UDP 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.101.12 rport 50000 generation 0",
      "a=end-of-candidates", "");

  private static Path acl(Path dir, boolean allowPublic) throws Exception {
    Path p = dir.resolve("acl.conf.xml");
    Files.writeString(p, "<configuration name=\"acl.conf\">\n  <network-lists>\n"
        + "    <list name=\"xcc_candidates\" default=\"deny\">\n"
        + (allowPublic ? "      <node type=\"allow\" cidr=\"203.0.113.0/24\"/>\n" : "")
        + "      <node type=\"allow\" cidr=\"10.0.0.0/8\"/>\n"
        + "    </list>\n  </network-lists>\n</configuration>\n");
    return p;
  }

  private static Path offer(Path dir) throws Exception {
    Path p = dir.resolve("offer.sdp");
    Files.writeString(p, OFFER);
    return p;
  }

  @Test
  void aclWhenSdpCandidatesAllDeniedThen488PredictedPerCandidate(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("acl", "--acl", acl(dir, false).toString(), "--list", "xcc_candidates",
        "--sdp", offer(dir).toString(), "--json");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode d = r.json().get("data");
    assertEquals("candidate", d.get("mode").asText());
    assertEquals(2, d.get("decisions").size());
    assertEquals("192.168.101.12", d.get("decisions").get(0).get("ip").asText());
    assertEquals("deny", d.get("decisions").get(1).get("decision").asText());
    assertTrue(r.out().contains("acl.candidate-denied"), r.out());
    assertTrue(!r.out().contains("BUmkOSgeYbP7L5rF"), "the ICE password stays out of the output");
  }

  @Test
  void aclWhenSdpPublicCandidateAllowedThenChosenAndExit0(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("acl", "--acl", acl(dir, true).toString(), "--list", "xcc_candidates",
        "--sdp", offer(dir).toString(), "--json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals("203.0.113.7", r.json().get("data").get("chosen").asText());
  }

  @Test
  void aclWhenSdpWithIpOrRegisterModeThenUsage(@TempDir Path dir) throws Exception {
    Path a = acl(dir, true);
    Path o = offer(dir);
    assertEquals(2, CliRun.of("acl", "--acl", a.toString(), "--list", "x", "--sdp", o.toString(), "--ip",
        "10.0.0.1").exitCode());
    CliRun reg = CliRun.of("acl", "--acl", a.toString(), "--list", "xcc_candidates", "--sdp", o.toString(),
        "--mode", "register");
    assertEquals(2, reg.exitCode());
    assertTrue(reg.err().contains("--sdp evaluates candidates"), reg.err());
    assertEquals(2, CliRun.of("acl", "--acl", a.toString(), "--sdp", dir.resolve("none.sdp").toString())
        .exitCode());
  }

  @Test
  void sdpWhenAclGivenThenOfferWouldGet488(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("sdp", offer(dir).toString(), "--acl", acl(dir, false).toString(),
        "--candidate-list", "xcc_candidates", "--json");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode findings = r.json().get("results").get(0).get("findings");
    boolean denied = false;
    for (JsonNode f : findings) {
      denied |= f.get("code").asText().equals("acl.candidate-denied") && f.get("severity").asText().equals("FAIL");
    }
    assertTrue(denied, findings.toString());
    CliRun ok = CliRun.of("sdp", offer(dir).toString(), "--acl", acl(dir, true).toString(),
        "--candidate-list", "xcc_candidates");
    assertEquals(0, ok.exitCode(), ok.out());
    assertEquals(2, CliRun.of("sdp", offer(dir).toString(), "--candidate-list", "x").exitCode());
  }

  @Test
  void sdpWhenCandidateListUnknownThenDeniesEveryCandidateWithFinding(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("sdp", offer(dir).toString(), "--acl", acl(dir, true).toString(),
        "--candidate-list", "xcc_Candidates", "--json");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode findings = r.json().get("results").get(0).get("findings");
    assertEquals("acl.unknown-list", findings.get(0).get("code").asText());
    assertTrue(findings.toString().contains("488"), findings.toString());
  }
}
