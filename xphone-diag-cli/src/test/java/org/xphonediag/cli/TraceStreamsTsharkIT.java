package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xphonediag.trace.rtp.RtpCapture.Shape.randomJitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.trace.rtp.RtpCapture;
import org.xphonediag.trace.rtp.TsharkRtp;

/**
 * The {@code trace} command's {@code data.streams} against tshark's {@code -z rtp,streams} (the
 * reference), stream by stream: packets, lost packets, max jitter and max delta, on captures written
 * here with induced loss, reordering, jitter, sequence wrap-around and one-way media, also for
 * streams the trace ties to a call (docs/field-guide.md chapters 5-7). Skipped when tshark is not installed.
 */
class TraceStreamsTsharkIT {
  private static final long MS = 1_000_000L;

  @TempDir
  Path dir;

  @BeforeAll
  static void tsharkInstalled() {
    TsharkRtp.assumeInstalled();
  }

  /** The trace command's JSON for {@code f}. */
  static JsonNode trace(Path f, int expectedExit) throws Exception {
    TraceCommandTest.Run r = TraceCommandTest.run("trace", f.toString(), "--json");
    assertEquals(expectedExit, r.code(), r.err() + r.out());
    return new ObjectMapper().readTree(r.out());
  }

  /** Compares every stream of tshark's table with {@code data.streams}; returns ours by key. */
  static Map<String, JsonNode> assertStreamsMatchTshark(Path f, JsonNode doc, int streams) throws Exception {
    Map<String, TsharkRtp.Row> ref = new TreeMap<>();
    TsharkRtp.streams(f).forEach(r -> ref.put(r.key(), r));
    Map<String, JsonNode> ours = new TreeMap<>();
    doc.get("data").get("streams").forEach(s -> ours.put(s.get("source").asText() + " "
        + s.get("destination").asText() + " " + s.get("ssrcHex").asText(), s));
    assertEquals(streams, ref.size(), "tshark's streams " + ref.keySet());
    assertEquals(ref.keySet(), ours.keySet());
    for (Map.Entry<String, TsharkRtp.Row> e : ref.entrySet()) {
      TsharkRtp.Row t = e.getValue();
      JsonNode s = ours.get(e.getKey());
      String where = e.getKey() + " in " + f.getFileName();
      assertEquals(t.packets(), s.get("packets").asLong(), "packets of " + where);
      assertEquals(t.lost(), s.get("lost").asLong(), "lost of " + where);
      assertEquals(t.maxDeltaMs(), s.get("maxDeltaMs").asDouble(), 0.0015, "max delta of " + where);
      assertEquals(t.maxJitterMs(), s.get("maxJitterMs").asDouble(), 0.0015, "max jitter of " + where);
    }
    return ours;
  }

  @Test
  void lossReorderingJitterAndWrapAroundStreamsMatchTshark() throws Exception {
    RtpCapture.Shape lossy = new RtpCapture.Shape() {
      @Override
      public boolean drop(int i) {
        return i % 97 < 3 || i >= 600 && i < 640;
      }
    };
    RtpCapture.Shape reordered = new RtpCapture.Shape() {
      @Override
      public long delayNanos(int i) {
        return i % 50 == 10 ? 45 * MS : 0;
      }
    };
    RtpCapture.Shape wrapLoss = new RtpCapture.Shape() {
      @Override
      public boolean drop(int i) {
        return i == 530 || i == 540 || i == 541;
      }
    };
    long t0 = RtpCapture.T0;
    Path f = new RtpCapture()
        .stream("10.1.1.1", 20000, "10.2.2.2", 30000, 0x11111111L, 300, 1000, t0, lossy)
        .stream("10.2.2.2", 30002, "10.1.1.1", 20002, 0x22222222L, 100, 800, t0 + 3 * MS, reordered)
        .stream("10.3.3.3", 20004, "10.4.4.4", 30004, 0xCAFEBABEL, 1000, 1500, t0 + 5 * MS, randomJitter(1, 15))
        .stream("10.5.5.5", 20006, "10.6.6.6", 30006, 0xFFFFFFFFL, 65000, 1200, t0 + 7 * MS, wrapLoss)
        .write(dir.resolve("shapes.pcapng"));
    Map<String, JsonNode> ours = assertStreamsMatchTshark(f, trace(f, 1), 4);
    assertEquals(70, ours.get("10.1.1.1:20000 10.2.2.2:30000 0x11111111").get("lost").asInt());
    assertEquals(16, ours.get("10.2.2.2:30002 10.1.1.1:20002 0x22222222").get("reordered").asInt());
    assertTrue(ours.get("10.3.3.3:20004 10.4.4.4:30004 0xcafebabe").get("maxJitterMs").asDouble() > 0.5);
    assertEquals(3, ours.get("10.5.5.5:20006 10.6.6.6:30006 0xffffffff").get("lost").asInt());
  }

  /** A binding success (RFC 8489 §6.3.1) without attributes, for the request of {@code seed}. */
  static byte[] bindingSuccess(int seed) {
    ByteBuffer b = ByteBuffer.allocate(20).putShort((short) 0x0101).putShort((short) 0).putInt(0x2112A442);
    for (int i = 0; i < 12; i++) {
      b.put((byte) (seed + i));
    }
    return b.array();
  }

  @Test
  void oneWayStreamOfAnAnsweredCallMatchesTsharkAndIsTiedToTheCallAndFlagged() throws Exception {
    long t0 = RtpCapture.T0;
    RtpCapture c = new RtpCapture();
    c.udp("127.0.0.1", 4901, "127.0.0.1", 4900, TraceCommandTest.sipWithSdp("INVITE sip:1@127.0.0.1 SIP/2.0",
        "INVITE", "sipsorcery_v6", TraceCommandTest.sdp("IceLink", "8b708ebc", "172.20.10.2", "203.0.113.7", 50000)),
        t0);
    c.udp("127.0.0.1", 4900, "127.0.0.1", 4901, TraceCommandTest.sipWithSdp("SIP/2.0 200 OK", "INVITE",
        "XPhone Call Controller", TraceCommandTest.sdp("FreeSWITCH", "BUmkOSgeYbP7L5rF", "192.168.101.12",
            "198.51.100.20", 31000)), t0 + 10 * MS);
    c.udp("203.0.113.7", 50000, "192.168.101.12", 31000, TraceCommandTest.bindingRequest(7,
        "BUmkOSgeYbP7L5rF:8b708ebc"), t0 + 500 * MS);
    c.udp("192.168.101.12", 31000, "203.0.113.7", 50000, bindingSuccess(7), t0 + 520 * MS);
    // only the XCC's audio reaches the client's NATed address; nothing comes back
    c.stream("192.168.101.12", 31000, "203.0.113.7", 50000, 0x0CC0CC0CL, 40000, 300, t0 + 800 * MS, randomJitter(2, 8));
    Path f = c.write(dir.resolve("oneway-call.pcapng"));
    JsonNode doc = trace(f, 1);
    Map<String, JsonNode> ours = assertStreamsMatchTshark(f, doc, 1);
    JsonNode s = ours.values().iterator().next();
    assertEquals(1, s.get("call").asInt(), s.toString());
    assertEquals("xcc-to-client", s.get("direction").asText());
    assertEquals("loopback", s.get("leg").asText());
    List<String> codes = new ArrayList<>();
    doc.get("results").forEach(r -> r.get("findings").forEach(x -> codes.add(x.get("code").asText())));
    assertEquals(List.of("media.one-way-audio"), codes, doc.toString());
    TraceCommandTest.Run text = TraceCommandTest.run("trace", f.toString());
    assertTrue(text.out().contains("    rtp xcc-to-client 192.168.101.12:31000 -> 203.0.113.7:50000 ssrc 0x0cc0cc0c"),
        text.out());
  }
}
