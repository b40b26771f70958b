package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.LinkType;

class TraceCommandTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new Run(code, out.toString(), err.toString());
  }

  static byte[] sip(String firstLine, String callId, String ua) {
    return (firstLine + "\r\nVia: SIP/2.0/TCP 127.0.0.1:4901;branch=z9hG4bK1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\n"
        + "To: <sip:b@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" + "User-Agent: " + ua + "\r\n"
        + "Server: " + ua + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
  }

  Path capture(int status) throws Exception {
    Path f = dir.resolve("call.pcapng");
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int lo = w.addInterface(LinkType.NULL, 6);
      w.writePacket(lo, 1_700_000_000_000_000_000L, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4901,
          "127.0.0.1", 4900, 1, PacketBuilder.ACK, sip("INVITE sip:1@127.0.0.1 SIP/2.0", "cid-1", "sipsorcery_v6")),
          ByteOrder.LITTLE_ENDIAN, 23));
      w.writePacket(lo, 1_700_000_000_010_000_000L, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4900,
          "127.0.0.1", 4901, 1, PacketBuilder.ACK, sip("SIP/2.0 " + status + " X", "cid-1", "XPhone Call Controller")),
          ByteOrder.LITTLE_ENDIAN, 23));
    }
    return f;
  }

  @Test
  void forbiddenCallExitsOneWithJsonData() throws Exception {
    Run r = run("trace", capture(403).toString(), "--json");
    assertEquals(1, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("trace", json.get("command").asText());
    JsonNode data = json.get("data");
    assertEquals("loopback", data.get("legs").get(0).get("role").asText());
    assertEquals(403, data.get("legs").get(0).get("finalStatus").asInt());
    assertTrue(data.get("candidates").isArray());
    assertTrue(data.get("bindings").isArray());
    assertEquals(2, data.get("packets").get("total").asInt());
    assertEquals(2, data.get("packets").get("sip").asInt());
    assertTrue(r.out().contains("sip.forbidden"));
  }

  @Test
  void answeredCallExitsZeroAndShowsLadder() throws Exception {
    Run r = run("trace", capture(200).toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("leg loopback"), r.out());
    assertTrue(r.out().contains("INVITE"), r.out());
    assertTrue(r.out().contains("verdict: 200 X"), r.out());
  }

  @Test
  void notACaptureExitsTwoWithOneLine() throws Exception {
    Path f = dir.resolve("notes.txt");
    Files.writeString(f, "this is not a capture at all");
    Run r = run("trace", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("xphone-diag: not a pcap or pcapng capture"), r.err());
    assertEquals(1, r.err().strip().lines().count());
  }

  @Test
  void missingCaptureAndUnreadableLogExitTwo() throws Exception {
    assertEquals(2, run("trace", dir.resolve("nope.pcap").toString()).code());
    Run r = run("trace", capture(200).toString(), "--fs-log", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--fs-log"), r.err());
  }

  @Test
  void corruptCaptureExitsTwoNamingTheOffset() throws Exception {
    Path f = capture(200);
    byte[] b = Files.readAllBytes(f);
    b[b.length - 4] = 1;
    Files.write(f, b);
    Run r = run("trace", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("byte offset"), r.err());
  }

  @Test
  void impossibleTimeStampIsAWarningNotUnreadableInput() throws Exception {
    // tcpdump's test capture: frames 2 and 3 have a microsecond field of 10^6 and more (README of realworld/)
    Path f = dir.resolve("timestamp_invalid_micro.pcap");
    try (java.io.InputStream in = getClass().getResourceAsStream("/realworld/tcpdump-timestamp_invalid_micro.pcap")) {
      Files.copy(in, f);
    }
    Run r = run("trace", f.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(2, json.get("data").get("packets").get("invalidTimestamps").asInt());
    assertTrue(r.out().contains("trace.invalid-timestamp"), r.out());
    Run text = run("trace", f.toString());
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("WARN trace.invalid-timestamp: frame 2"), text.out());
  }

  static byte[] sipWithSdp(String firstLine, String cseqMethod, String ua, String sdp) {
    return (firstLine + "\r\nVia: SIP/2.0/TCP 127.0.0.1:4901;branch=z9hG4bK1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\n"
        + "To: <sip:b@127.0.0.1>\r\nCall-ID: cid-m\r\nCSeq: 1 " + cseqMethod + "\r\nUser-Agent: " + ua + "\r\n"
        + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp)
        .getBytes(StandardCharsets.UTF_8);
  }

  static String sdp(String origin, String ufrag, String host, String srflx, int port) {
    return "v=0\r\no=" + origin + " 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-ufrag:" + ufrag
        + "\r\na=ice-pwd:doNotPrintThisPassword\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n"
        + "a=candidate:1 1 udp 2130706431 " + host + " " + port + " typ host\r\n"
        + "a=candidate:2 1 udp 1694498815 " + srflx + " " + port + " typ srflx raddr " + host + " rport " + port
        + "\r\n";
  }

  /** A Binding request (RFC 8489 §5) with USERNAME {@code user}, padded to 4 bytes. */
  static byte[] bindingRequest(int seed, String user) {
    byte[] u = user.getBytes(StandardCharsets.UTF_8);
    int padded = (u.length + 3) & ~3;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + padded).putShort((short) 1)
        .putShort((short) (4 + padded)).putInt(0x2112A442);
    for (int i = 0; i < 12; i++) {
      b.put((byte) (seed + i));
    }
    return b.putShort((short) 6).putShort((short) u.length).put(u).array();
  }

  Path unansweredBindings() throws Exception {
    Path f = dir.resolve("bindings.pcapng");
    long t = 1_700_000_000_000_000_000L;
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int lo = w.addInterface(LinkType.NULL, 6);
      int eth = w.addInterface(LinkType.ETHERNET, 6);
      byte[] inv = sipWithSdp("INVITE sip:1@127.0.0.1 SIP/2.0", "INVITE", "sipsorcery_v6",
          sdp("IceLink", "8b708ebc", "172.20.10.2", "203.0.113.7", 50000));
      w.writePacket(lo, t, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, 1,
          PacketBuilder.ACK, inv), ByteOrder.LITTLE_ENDIAN, 23));
      byte[] ok = sipWithSdp("SIP/2.0 200 OK", "INVITE", "XPhone Call Controller",
          sdp("FreeSWITCH", "BUmkOSgeYbP7L5rF", "192.168.101.12", "198.51.100.20", 31000));
      w.writePacket(lo, t + 10_000_000L, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4900, "127.0.0.1",
          4901, 1, PacketBuilder.ACK, ok), ByteOrder.LITTLE_ENDIAN, 23));
      for (int i = 0; i < 3; i++) {
        w.writePacket(eth, t + (i + 1) * 5_000_000_000L, PacketBuilder.ethernet(PacketBuilder.udp("192.168.101.12",
            31000, "172.20.10.2", 50000, bindingRequest(i * 16, "8b708ebc:BUmkOSgeYbP7L5rF"))));
      }
    }
    return f;
  }

  @Test
  void unansweredBindingsExitOneWithCandidatesAndBindingsInJson() throws Exception {
    Run r = run("trace", unansweredBindings().toString(), "--json");
    assertEquals(1, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode data = json.get("data");
    assertEquals("client", data.get("candidates").get(0).get("side").asText());
    assertEquals("8b708ebc", data.get("candidates").get(0).get("iceUfrag").asText());
    JsonNode cand = data.get("candidates").get(1).get("candidates").get(1);
    assertEquals("198.51.100.20", cand.get("address").asText());
    assertEquals("srflx", cand.get("type").asText());
    assertEquals("192.168.101.12", cand.get("relatedAddress").asText());
    assertEquals("documentation", cand.get("addressClass").asText());
    JsonNode b = data.get("bindings").get(0);
    assertEquals(3, b.get("requests").asInt());
    assertEquals(0, b.get("successes").asInt());
    assertEquals("xcc-to-client", b.get("pairs").get(0).get("direction").asText());
    assertEquals(3, b.get("pairs").get(0).get("requestFrames").size());
    assertTrue(r.out().contains("media.no-binding-success"));
    assertTrue(!r.out().contains("doNotPrintThisPassword"), "ice-pwd must not be printed");
  }

  @Test
  void unansweredBindingsShowBindingSummaryAndMediaVerdictInLadder() throws Exception {
    Run r = run("trace", unansweredBindings().toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("bindings: 3 requests, 0 successes, 0 errors"), r.out());
    assertTrue(r.out().contains("192.168.101.12:31000 -> 172.20.10.2:50000 (xcc-to-client)"), r.out());
    assertTrue(r.out().contains("media verdict: media.no-binding-success"), r.out());
    assertTrue(r.out().contains("xcc candidates (frame 2, ufrag BUmkOSgeYbP7L5rF)"), r.out());
  }

  /** A STUN Binding message of {@code type} with transaction id {@code 1..12} and USERNAME "a:b" (requests). */
  static byte[] stunOverTcp(int type) {
    boolean request = type == 0x0001;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 + 20 + (request ? 8 : 0));
    b.putShort((short) (20 + (request ? 8 : 0))).putShort((short) type).putShort((short) (request ? 8 : 0))
        .putInt(0x2112A442);
    for (int i = 1; i <= 12; i++) {
      b.put((byte) i);
    }
    if (request) {
      b.putShort((short) 0x0006).putShort((short) 3).put(new byte[] {'a', ':', 'b', 0});
    }
    return b.array();
  }

  @Test
  void tcpBindingPairIsMarkedTcpInLadderAndJson() throws Exception {
    Path f = dir.resolve("tcp-stun.pcapng");
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 9);
      w.writePacket(eth, 1_700_000_000_000_000_000L, PacketBuilder.ethernet(PacketBuilder.tcp("192.0.2.50", 50123,
          "198.51.100.7", 31000, 1, PacketBuilder.PSH | PacketBuilder.ACK, stunOverTcp(0x0001))));
      w.writePacket(eth, 1_700_000_000_002_000_000L, PacketBuilder.ethernet(PacketBuilder.tcp("198.51.100.7", 31000,
          "192.0.2.50", 50123, 1, PacketBuilder.PSH | PacketBuilder.ACK, stunOverTcp(0x0101))));
    }
    Run text = run("trace", f.toString());
    assertTrue(text.out().contains("192.0.2.50:50123 -> 198.51.100.7:31000 (unknown, tcp): 1 requests, 1 successes"),
        text.out());
    JsonNode pair = new ObjectMapper().readTree(run("trace", f.toString(), "--json").out()).get("data")
        .get("bindings").get(0).get("pairs").get(0);
    assertEquals("tcp", pair.get("transport").asText());
    assertEquals(2, pair.get("firstSuccessFrame").asInt());
  }

  @Test
  void rtpStreamWithLossThenStreamsDataLadderLineAndLossFinding() throws Exception {
    Path f = dir.resolve("rtp.pcapng");
    long t = 1_700_000_000_000_000_000L;
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 6);
      for (int seq = 0; seq < 105; seq++) {
        if (seq >= 40 && seq < 45) {
          continue; // five packets lost in a burst
        }
        java.nio.ByteBuffer rtp = java.nio.ByteBuffer.allocate(12 + 160);
        rtp.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(160 * seq).putInt(0x1234ABCD);
        w.writePacket(eth, t + seq * 20_000_000L, PacketBuilder.ethernet(PacketBuilder.udp("192.168.101.12", 50000,
            "203.0.113.10", 31000, rtp.array())));
      }
    }
    Run r = run("trace", f.toString(), "--json");
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    com.fasterxml.jackson.databind.JsonNode streams = doc.get("data").get("streams");
    assertEquals(1, streams.size(), r.out());
    assertEquals("0x1234abcd", streams.get(0).get("ssrcHex").asText());
    assertEquals(5, streams.get(0).get("lost").asInt());
    assertEquals(100, streams.get(0).get("packets").asInt());
    assertTrue(r.out().contains("media.packet-loss"), r.out());
    Run text = run("trace", f.toString());
    assertTrue(text.out().contains("rtp 192.168.101.12:50000 -> 203.0.113.10:31000 ssrc 0x1234abcd"), text.out());
  }

  @Test
  void mediaTimeoutOutOfRangeIsBadUsage() throws Exception {
    Run r = run("trace", capture(200).toString(), "--media-timeout", "0");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("--media-timeout must be 0.1..600 seconds but was 0.0"), r.err());
    assertEquals(0, run("trace", capture(200).toString(), "--media-timeout", "1.5").code());
  }
}
