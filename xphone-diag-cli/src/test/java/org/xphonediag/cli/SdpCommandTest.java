package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdpCommandTest {
  private static final String CLIENT = String.join("\r\n",
      "v=0",
      "o=IceLink 3775293749 1 IN IP4 192.168.101.12",
      "s=-",
      "t=0 0",
      "m=audio 50000 UDP/TLS/RTP/SAVPF 0",
      "a=ice-ufrag:BUmkOSgeYbP7L5rF",
      "a=ice-pwd:q8Vd1qz0hL3mK7xYtR2pW9sN",
      "a=candidate:1 1 UDP 2130706431 192.168.101.12 50000 typ host generation 0",
      "a=candidate:2 1 UDP 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.101.12 rport 50000 generation 0",
      "") + "\r\n";

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void sdpJsonWhenGoodClientOfferThenDataShapeAndExit0() throws IOException {
    CliRun r = CliRun.of("sdp", write("c.sdp", CLIENT).toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = r.json();
    assertEquals("sdp", j.get("command").asText());
    assertEquals("PASS", j.get("status").asText());
    JsonNode origin = j.get("data").get("origin");
    assertEquals("IceLink", origin.get("username").asText());
    assertEquals("3775293749", origin.get("sessionId").asText());
    assertEquals("1", origin.get("sessionVersion").asText());
    assertEquals("192.168.101.12", origin.get("address").asText());
    assertEquals("client", origin.get("role").asText());
    JsonNode cands = j.get("data").get("candidates");
    assertEquals(2, cands.size());
    List<String> keys = new ArrayList<>();
    cands.get(1).fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("foundation", "component", "transport", "priority", "address", "port", "type",
        "relatedAddress", "relatedPort", "addressClass"), keys);
    assertEquals("udp", cands.get(1).get("transport").asText());
    assertEquals(1694498815L, cands.get(1).get("priority").asLong());
    assertEquals("srflx", cands.get(1).get("type").asText());
    assertEquals("192.168.101.12", cands.get(1).get("relatedAddress").asText());
    assertEquals(50000, cands.get(1).get("relatedPort").asInt());
    assertEquals("documentation", cands.get(1).get("addressClass").asText());
    assertEquals("private", cands.get(0).get("addressClass").asText());
    assertFalse(r.out().contains("q8Vd1qz0"), "the ICE password must never be printed");
  }

  @Test
  void sdpWhenOnlyPrivateCandidateThenFailsWithMissingPublic() throws IOException {
    String sdp = CLIENT.replace("a=candidate:2 1 UDP 1694498815 203.0.113.7", "a=candidate:2 1 UDP 1694498815 10.1.1.1");
    CliRun r = CliRun.of("sdp", write("p.sdp", sdp).toString(), "--json");
    assertEquals(1, r.exitCode(), r.out());
    JsonNode f = r.json().get("results").get(0).get("findings");
    assertEquals("media.missing-public-candidate", f.get(0).get("code").asText());
    assertEquals("FAIL", f.get(0).get("severity").asText());
  }

  @Test
  void sdpWhenMalformedCandidateThenWarnsAndExit0UnlessFailOnWarn() throws IOException {
    String sdp = CLIENT + "a=candidate:3 0 UDP 1 10.0.0.1 5 typ host\r\n";
    Path p = write("m.sdp", sdp);
    CliRun r = CliRun.of("sdp", p.toString(), "--json");
    assertEquals(0, r.exitCode(), r.out());
    JsonNode f = r.json().get("results").get(0).get("findings").get(0);
    assertEquals("sdp.malformed-candidate", f.get("code").asText());
    assertTrue(f.get("message").asText().contains("sdp line 11 (a=candidate): component must be 1..256 but was 0"),
        f.get("message").asText());
    assertEquals(2, r.json().get("data").get("candidates").size());
    CliRun strict = CliRun.of("sdp", p.toString(), "--fail-on", "warn");
    assertEquals(1, strict.exitCode(), strict.err());
  }

  @Test
  void sdpTextWhenXccAnswerThenShowsRoleAndCandidates() throws IOException {
    String xcc = CLIENT.replace("IceLink", "FreeSWITCH");
    CliRun r = CliRun.of("sdp", write("x.sdp", xcc).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("origin: FreeSWITCH (role xcc)"), r.out());
    assertTrue(r.out().contains("srflx"), r.out());
  }

  @Test
  void sdpWhenFileMissingOrNotSdpThenExit2WithOneLine() throws IOException {
    CliRun missing = CliRun.of("sdp", dir.resolve("nope.sdp").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("xphone-diag: cannot read SDP file"), missing.err());
    assertEquals(1, missing.err().strip().lines().count());
    CliRun notSdp = CliRun.of("sdp", write("x.txt", "hello\n").toString());
    assertEquals(2, notSdp.exitCode());
    assertTrue(notSdp.err().contains("sdp line 1: expected 'v=0'"), notSdp.err());
    assertEquals(2, CliRun.of("sdp", write("y.sdp", CLIENT).toString(), "--media-ports", "9-1").exitCode());
  }

  @Test
  void sdpWhenDashThenReadsStdin() throws IOException {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(CLIENT.getBytes(StandardCharsets.UTF_8)));
      CliRun r = CliRun.of("sdp", "-", "--json");
      assertEquals(0, r.exitCode(), r.err());
      assertEquals(2, r.json().get("data").get("candidates").size());
    } finally {
      System.setIn(saved);
    }
  }
}
