package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.sip.SipResponder;

class SipProbeCommandIT {
  @TempDir
  Path dir;

  @Test
  void sipProbeWhenOptionsAnsweredThenDataAndExit0() throws Exception {
    try (SipResponder xcc = SipResponder.builder().start()) {
      CliRun r = CliRun.of("sip-probe", xcc.uri("udp"), "--json");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      JsonNode data = r.json().get("data");
      assertEquals(200, data.get("statusCode").asInt());
      assertEquals("OK", data.get("reason").asText());
    }
  }

  @Test
  void sipProbeWhenInvite403ThenForbiddenAndExit1() throws Exception {
    try (SipResponder xcc = SipResponder.builder().inviteStatus(403).start()) {
      CliRun r = CliRun.of("sip-probe", xcc.uri("tcp"), "--method", "invite", "--json");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      JsonNode j = r.json();
      assertEquals(403, j.get("data").get("statusCode").asInt());
      assertEquals("sip.forbidden", j.get("results").get(0).get("findings").get(0).get("code").asText());
      assertTrue(xcc.awaitRequest("ACK", Duration.ofSeconds(3)));
    }
  }

  @Test
  void sipProbeWhenInviteWithSdpFileThenSentAnd488() throws Exception {
    Path sdp = dir.resolve("offer.sdp");
    Files.writeString(sdp, "v=0\r\no=IceLink 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5 RTP/AVP 0\r\n",
        StandardCharsets.US_ASCII);
    try (SipResponder xcc = SipResponder.builder().inviteStatus(488).start()) {
      CliRun r = CliRun.of("sip-probe", xcc.uri("udp"), "--method", "INVITE",
          "--sdp", sdp.toString(), "--json");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      assertEquals("sip.not-acceptable", r.json().get("results").get(0).get("findings").get(0).get("code").asText());
    }
  }

  @Test
  void sipProbeWhenSilentThenNoAnswerAtTimeout() throws Exception {
    try (SipResponder xcc = SipResponder.builder().optionsSilent().start()) {
      CliRun r = CliRun.of("sip-probe", xcc.uri("udp"), "--timeout", "300ms", "--json");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      JsonNode j = r.json();
      assertEquals("sip.no-answer", j.get("results").get(0).get("findings").get(0).get("code").asText());
      assertEquals("no-answer", j.get("data").get("outcome").asText());
    }
  }

  @Test
  void sipProbeWhenBadUsageThenExit2() {
    assertEquals(2, CliRun.of("sip-probe", "http://x").exitCode());
    assertEquals(2, CliRun.of("sip-probe", "sip:127.0.0.1", "--timeout", "soon").exitCode());
    assertEquals(2, CliRun.of("sip-probe", "sip:127.0.0.1", "--method", "BYE").exitCode());
    assertEquals(2, CliRun.of("sip-probe", "sip:127.0.0.1", "--sdp", dir.resolve("none.sdp").toString(),
        "--method", "INVITE").exitCode());
    CliRun r = CliRun.of("sip-probe", "sip:127.0.0.1", "--sdp", dir.resolve("none.sdp").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--sdp is for --method INVITE"), r.err());
  }
}
