package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.TraceScannerTest.Scan;

/**
 * STUN over TCP in captures: back to back with the length from the header (RFC 8489 §6.2.2) and
 * behind the RFC 4571 length prefix of ICE-TCP (RFC 6544 §3), reassembled across segments and
 * several per segment, found in streams joined mid-way, and matched into bindings like UDP ones.
 */
class TcpStunTest {
  static final String CLIENT = "192.0.2.50";
  static final String XCC = "198.51.100.7";

  static byte[] framed(byte[]... packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : packets) {
      out.write(p.length >> 8);
      out.write(p.length);
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] toXcc(long seq, byte[] payload) {
    return PacketBuilder.tcp(CLIENT, 50123, XCC, 31000, seq, PacketBuilder.PSH | PacketBuilder.ACK, payload);
  }

  static byte[] toClient(long seq, byte[] payload) {
    return PacketBuilder.tcp(XCC, 31000, CLIENT, 50123, seq, PacketBuilder.PSH | PacketBuilder.ACK, payload);
  }

  static List<StunPacket> stun(Scan s) {
    return s.messages.stream().filter(m -> m instanceof StunPacket).map(m -> (StunPacket) m).toList();
  }

  private static String tid(int seed) {
    return HexFormat.of().formatHex(Stun.txid(seed));
  }

  @Test
  void plainStunAcrossSegmentsAndSeveralPerSegmentAreRead() throws Exception {
    byte[] req = Stun.request(1, "xccUfrag:cliUfrag");
    byte[] two = Sip.concat(Stun.request(2, "xccUfrag:cliUfrag"), Stun.request(3, "xccUfrag:cliUfrag"));
    Scan s = TraceScannerTest.scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, toXcc(1000, Arrays.copyOfRange(req, 0, 13)));
      w.writePacket(i, 2, toXcc(1013, Arrays.copyOfRange(req, 13, req.length)));
      w.writePacket(i, 3, toXcc(1000 + req.length, two));
      w.writePacket(i, 4, toClient(7000, Stun.success(1, CLIENT, 50123)));
    });
    List<StunPacket> stun = stun(s);
    assertEquals(List.of(tid(1), tid(2), tid(3), tid(1)), stun.stream().map(StunPacket::transactionId).toList());
    assertEquals(List.of(2L, 3L, 3L, 4L), stun.stream().map(StunPacket::frame).toList());
    assertTrue(stun.stream().allMatch(p -> p.transport() == Transport.TCP));
    assertEquals("request", stun.get(0).messageClass());
    assertEquals("success-response", stun.get(3).messageClass());
    assertEquals(CLIENT + ":50123", stun.get(0).source().toString());
    assertEquals(3, s.counts.stun(), "segments that completed a STUN message");
    assertEquals(1, s.counts.other(), "the first half of a message");
  }

  @Test
  void rfc4571FramedStunIsReadAndFramedMediaSkipped() throws Exception {
    byte[] req = framed(Stun.request(4, "xccUfrag:cliUfrag"));
    byte[] mixed = framed(Sip.rtp(1), Stun.request(5, "xccUfrag:cliUfrag"), Sip.rtp(2));
    Scan s = TraceScannerTest.scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, toXcc(1, Arrays.copyOfRange(req, 0, 30)));
      w.writePacket(i, 2, toXcc(31, Arrays.copyOfRange(req, 30, req.length)));
      w.writePacket(i, 3, toXcc(1 + req.length, mixed));
      w.writePacket(i, 4, toXcc(1 + req.length + mixed.length, framed(Sip.rtp(3))));
      w.writePacket(i, 5, toClient(900, framed(Stun.success(4, CLIENT, 50123), Stun.error(5, 487, "Role Conflict"))));
    });
    List<StunPacket> stun = stun(s);
    assertEquals(List.of(tid(4), tid(5), tid(4), tid(5)), stun.stream().map(StunPacket::transactionId).toList());
    assertEquals(List.of(2L, 3L, 5L, 5L), stun.stream().map(StunPacket::frame).toList());
    assertEquals("error-response", stun.get(3).messageClass());
    assertEquals(Stun.request(4, "xccUfrag:cliUfrag").length, stun.get(0).bytes().length,
        "the prefix is not part of the message");
    assertEquals(3, s.counts.stun());
  }

  @Test
  void streamJoinedMidMessageIsPickedUpAtTheNextSegmentStartingWithStun() throws Exception {
    byte[] first = Stun.request(6, "xccUfrag:cliUfrag");
    Scan s = TraceScannerTest.scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, toXcc(500, Arrays.copyOfRange(first, 20, first.length)));
      w.writePacket(i, 2, toXcc(500 + first.length - 20, Stun.request(7, "xccUfrag:cliUfrag")));
    });
    assertEquals(List.of(tid(7)), stun(s).stream().map(StunPacket::transactionId).toList());
  }

  @Test
  void turnChannelDataBetweenStunMessagesIsSkipped() throws Exception {
    byte[] channelData = ByteBuffer.allocate(4 + 8).putShort((short) 0x4001).putShort((short) 5)
        .put(new byte[] {1, 2, 3, 4, 5}).array();
    byte[] stream = Sip.concat(Stun.request(8, null), channelData, Stun.request(9, null));
    Scan s = TraceScannerTest.scan(LinkType.RAW, (w, i) -> w.writePacket(i, 1, toXcc(1, stream)));
    assertEquals(List.of(tid(8), tid(9)), stun(s).stream().map(StunPacket::transactionId).toList());
  }

  @Test
  void bytesThatStopLookingLikeStunDropTheStreamUntilStunStartsASegmentAgain() throws Exception {
    byte[] req = Stun.request(10, null);
    byte[] junk = "junk, not STUN\r\n".getBytes();
    Scan s = TraceScannerTest.scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, toXcc(1, Sip.concat(req, junk, Stun.request(11, null))));
      w.writePacket(i, 2, toXcc(1 + req.length + junk.length + req.length, Sip.concat(junk, Stun.request(12, null))));
      w.writePacket(i, 3, toXcc(1 + 2 * req.length + 2 * junk.length + req.length, Stun.request(13, null)));
    });
    assertEquals(List.of(tid(10), tid(13)), stun(s).stream().map(StunPacket::transactionId).toList());
  }

  @Test
  void lostSegmentDropsThePartialMessageCountsAGapAndResynchronises() throws Exception {
    byte[] req = Stun.request(15, "xccUfrag:cliUfrag");
    byte[] next = Stun.request(16, "xccUfrag:cliUfrag");
    Scan s = TraceScannerTest.scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, toXcc(1, Arrays.copyOf(req, 24)));
      // bytes 24..31 were lost; the rest of the message and the next one arrive
      w.writePacket(i, 2, toXcc(1 + 32, Sip.concat(Arrays.copyOfRange(req, 32, req.length), next)));
      w.writePacket(i, 3, toXcc(1 + req.length + next.length, Stun.request(17, "xccUfrag:cliUfrag")));
    });
    assertEquals(List.of(tid(17)), stun(s).stream().map(StunPacket::transactionId).toList());
    assertEquals(1, s.counts.tcpGaps());
  }

  @Test
  void sipAndStunStreamsOnOneCaptureAreToldApart() throws Exception {
    Scan s = TraceScannerTest.scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, 1, PacketBuilder.PSH,
          Sip.invite("tcp-sip", "sipsorcery", null)));
      w.writePacket(i, 2, toXcc(1, framed(Stun.request(14, "a:b"))));
    });
    assertEquals(2, s.messages.size());
    assertTrue(s.messages.get(0) instanceof SipMessage);
    assertTrue(s.messages.get(1) instanceof StunPacket);
    assertEquals(new PacketCounts(2, 1, 1, 0, 0, 0, 0, 0, 0), s.counts);
  }

  @Test
  @SuppressWarnings("unchecked")
  void tcpBindingsAreMatchedLikeUdpOnesAndRecordTheirTransport() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int i = w.addInterface(LinkType.RAW, 9);
      w.writePacket(i, 1_000_000, toXcc(1, framed(Stun.request(20, "xccUfrag:cliUfrag"))));
      w.writePacket(i, 3_000_000, toClient(1, framed(Stun.success(20, CLIENT, 50123))));
      w.writePacket(i, 4_000_000, PacketBuilder.udp(CLIENT, 50124, XCC, 31000, Stun.request(21, "xccUfrag:cliUfrag")));
    }
    TraceAnalyzer analyzer = TraceAnalyzer.builder().build();
    TraceAnalysis a;
    try (TraceScanner sc = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "t"))) {
      a = analyzer.analyze(sc, "t", List.of());
    }
    Report r = analyzer.report(a, Duration.ZERO);
    List<Details> calls = (List<Details>) r.data().asMap().get("bindings");
    assertEquals(1, calls.size(), calls.toString());
    List<Map<String, Object>> bindings = ((List<Details>) calls.get(0).asMap().get("pairs")).stream()
        .map(Details::asMap).toList();
    assertEquals(2, bindings.size(), bindings.toString());
    Map<String, Object> tcp = bindings.get(0);
    assertEquals("tcp", tcp.get("transport"));
    assertEquals(1, tcp.get("requests"));
    assertEquals(1, tcp.get("successes"));
    assertEquals(1L, tcp.get("firstRequestFrame"));
    assertEquals(2L, tcp.get("firstSuccessFrame"));
    assertEquals(2.0, tcp.get("firstSuccessMs"));
    assertEquals("udp", bindings.get(1).get("transport"));
    assertEquals(0, bindings.get(1).get("successes"));
  }
}
