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
import org.xphonediag.trace.CaptureWriter;
import org.xphonediag.trace.LinkType;
import org.xphonediag.trace.PacketBuilder;

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
}
