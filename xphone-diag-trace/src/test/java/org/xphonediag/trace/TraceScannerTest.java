package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

class TraceScannerTest {
  interface Frames {
    void write(CaptureWriter w, int iface) throws Exception;
  }

  static final class Scan {
    final List<TraceMessage> messages = new ArrayList<>();
    PacketCounts counts;
    List<MediaFlow> flows;
  }

  static Scan scan(int linkType, Frames frames) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      frames.write(w, w.addInterface(linkType, 9));
    }
    return scan(out.toByteArray());
  }

  static Scan scan(byte[] file) throws Exception {
    Scan s = new Scan();
    try (TraceScanner sc = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(file), "t"))) {
      for (Optional<TraceMessage> m = sc.next(); m.isPresent(); m = sc.next()) {
        s.messages.add(m.get());
      }
      s.counts = sc.counts();
      s.flows = sc.mediaFlows();
    }
    return s;
  }

  static List<SipMessage> sip(Scan s) {
    return s.messages.stream().filter(m -> m instanceof SipMessage).map(m -> (SipMessage) m).toList();
  }

  private static final byte[] INVITE_V4 = PacketBuilder.udp("10.0.0.1", 5060, "10.0.0.2", 5060,
      Sip.invite("c1", "XPhone Call Controller", Sip.SDP));
  private static final byte[] INVITE_V6 = PacketBuilder.udp("2001:db8::1", 5060, "2001:db8::2", 5060,
      Sip.invite("c6", "x", null));

  @Test
  void ethernetWithVlanTagsCarriesSip() throws Exception {
    Scan s = scan(LinkType.ETHERNET, (w, i) -> {
      w.writePacket(i, 1, PacketBuilder.ethernet(INVITE_V4));
      w.writePacket(i, 2, PacketBuilder.ethernet(INVITE_V4, 10));
      w.writePacket(i, 3, PacketBuilder.ethernet(INVITE_V6, 100, 20));
    });
    List<SipMessage> sip = sip(s);
    assertEquals(List.of("c1", "c1", "c6"), sip.stream().map(SipMessage::callId).toList());
    assertEquals("INVITE", sip.get(0).method());
    assertEquals("XPhone Call Controller", sip.get(0).userAgent());
    assertEquals(Sip.SDP, sip.get(0).sdp().orElseThrow());
    assertEquals("[2001:db8::1]:5060", sip.get(2).source().toString());
    assertEquals(3, s.counts.sip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"LITTLE", "BIG"})
  void nullLoopbackInEitherByteOrderCarriesSip(String order) throws Exception {
    ByteOrder bo = order.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] v6lo = PacketBuilder.udp("::1", 4901, "::1", 4900, Sip.invite("lo6", null, null));
    Scan s = scan(LinkType.NULL, (w, i) -> {
      w.writePacket(i, 1, PacketBuilder.loopback(INVITE_V4, bo, 24));
      w.writePacket(i, 2, PacketBuilder.loopback(v6lo, bo, 23));
    });
    assertEquals(List.of("c1", "lo6"), sip(s).stream().map(SipMessage::callId).toList());
  }

  @Test
  void loopLinkTypeCarriesSip() throws Exception {
    Scan s = scan(LinkType.LOOP, (w, i) -> w.writePacket(i, 1, PacketBuilder.loopback(INVITE_V4,
        ByteOrder.BIG_ENDIAN, 24)));
    assertEquals(1, sip(s).size());
  }

  @ParameterizedTest
  @ValueSource(ints = {LinkType.RAW, LinkType.IPV4, LinkType.LINUX_SLL, LinkType.LINUX_SLL2})
  void rawAndCookedLinkTypesCarrySip(int linkType) throws Exception {
    Scan s = scan(linkType, (w, i) -> {
      byte[] v4 = switch (linkType) {
        case LinkType.LINUX_SLL -> PacketBuilder.linuxSll(INVITE_V4);
        case LinkType.LINUX_SLL2 -> PacketBuilder.linuxSll2(INVITE_V4);
        default -> INVITE_V4;
      };
      w.writePacket(i, 1, v4);
    });
    assertEquals("c1", sip(s).get(0).callId());
  }

  @Test
  void rawIpv6WithExtensionHeadersCarriesSip() throws Exception {
    byte[] p = PacketBuilder.udpWithExtensionHeaders("2001:db8::1", 5060, "2001:db8::2", 5060,
        Sip.invite("ext", null, null));
    Scan s = scan(LinkType.IPV6, (w, i) -> w.writePacket(i, 1, p));
    assertEquals("ext", sip(s).get(0).callId());
  }

  @Test
  void fragmentedIpv4InviteIsReassembled() throws Exception {
    List<byte[]> frags = PacketBuilder.fragmentIpv4(INVITE_V4, 200);
    assertTrue(frags.size() > 2);
    Scan s = scan(LinkType.RAW, (w, i) -> {
      for (byte[] f : frags) {
        w.writePacket(i, 1, f);
      }
    });
    List<SipMessage> sip = sip(s);
    assertEquals(1, sip.size());
    assertEquals(frags.size(), sip.get(0).frame());
    assertEquals(Sip.SDP, sip.get(0).body());
  }

  @Test
  void stunIsClassifiedByContentAndMediaOnlyOnMediaPortsWithEvidence() throws Exception {
    byte[] dtls = new byte[13 + 4];
    dtls[0] = 22;
    dtls[1] = (byte) 0xfe;
    dtls[2] = (byte) 0xfd;
    dtls[12] = 4; // record length 4: the record fills the datagram
    Scan s = scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, PacketBuilder.udp("10.0.0.1", 5060, "10.0.0.2", 31000, Sip.stunBindingRequest(1)));
      for (int k = 0; k < 5; k++) {
        // RTP-looking bytes toward the SIP port: not media
        w.writePacket(i, 2, PacketBuilder.udp("10.0.0.1", 3478, "10.0.0.2", 5060, Sip.rtp(k)));
      }
      for (int k = 0; k < 5; k++) {
        // a stream on media ports: the first packet is provisional, the second confirms both
        w.writePacket(i, 3, PacketBuilder.udp("10.0.0.1", 20000, "10.0.0.2", 30000, Sip.rtp(k)));
      }
      w.writePacket(i, 4, PacketBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2,
          new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0}));
      w.writePacket(i, 5, PacketBuilder.udp("10.0.0.1", 40000, "10.0.0.2", 40002, dtls));
      w.writePacket(i, 6, PacketBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2, new byte[] {0, 1, 0, 0, 1, 2}));
    });
    StunPacket stun = (StunPacket) s.messages.get(0);
    assertEquals(1, stun.messageType());
    assertEquals(1, stun.method());
    assertEquals("request", stun.messageClass());
    assertEquals("090a0b0c0d0e0f1011121314", stun.transactionId());
    assertEquals(new PacketCounts(14, 0, 1, 5, 0, 1, 7, 0, 0), s.counts);
    MediaFlow rtp = s.flows.stream().filter(f -> f.destination().port() == 30000).findFirst().orElseThrow();
    assertEquals(5, rtp.packets());
    assertEquals(PayloadKind.RTP, rtp.kind());
    assertEquals(PayloadKind.OTHER, s.flows.stream().filter(f -> f.destination().port() == 5060).findFirst()
        .orElseThrow().kind());
  }

  private static byte[] seg(long seq, byte[] payload) {
    return PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, seq, PacketBuilder.PSH | PacketBuilder.ACK,
        payload);
  }

  @Test
  void tcpSegmentWithSeveralMessagesYieldsEach() throws Exception {
    byte[] two = Sip.concat(Sip.invite("t1", null, Sip.SDP), Sip.invite("t2", null, null));
    Scan s = scan(LinkType.RAW, (w, i) -> w.writePacket(i, 1, seg(1000, two)));
    assertEquals(List.of("t1", "t2"), sip(s).stream().map(SipMessage::callId).toList());
    assertEquals(Sip.SDP, sip(s).get(0).body());
  }

  @Test
  void tcpMessageAcrossSegmentsCompletesInLastSegmentWithoutHandshake() throws Exception {
    byte[] msg = Sip.invite("across", null, Sip.SDP);
    int cut1 = 100;
    int cut2 = msg.length - 20;
    Scan s = scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, seg(5000, Arrays.copyOfRange(msg, 0, cut1)));
      w.writePacket(i, 2, seg(5000 + cut1, Arrays.copyOfRange(msg, cut1, cut2)));
      w.writePacket(i, 3, seg(5000 + cut1, Arrays.copyOfRange(msg, cut1, cut2)));
      w.writePacket(i, 4, seg(5000 + cut2, Arrays.copyOfRange(msg, cut2, msg.length)));
    });
    List<SipMessage> sip = sip(s);
    assertEquals(1, sip.size());
    assertEquals(4, sip.get(0).frame());
    assertEquals(Sip.SDP, sip.get(0).body());
  }

  @Test
  void tcpStreamJoinedMidMessageSynchronisesOnNextStartLine() throws Exception {
    byte[] first = Sip.invite("lost", null, Sip.SDP);
    byte[] second = Sip.response("kept", 200, "OK", "INVITE", null);
    byte[] tail = Arrays.copyOfRange(first, 50, first.length);
    Scan s = scan(LinkType.RAW, (w, i) -> w.writePacket(i, 1, seg(77, Sip.concat(tail, second))));
    assertEquals(List.of("kept"), sip(s).stream().map(SipMessage::callId).toList());
    assertEquals(200, sip(s).get(0).statusCode());
  }

  @Test
  void tcpGapDropsPartialMessageAndResynchronises() throws Exception {
    byte[] msg = Sip.invite("gap", null, Sip.SDP);
    byte[] next = Sip.invite("after", null, null);
    Scan s = scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, seg(1, Arrays.copyOfRange(msg, 0, 100)));
      w.writePacket(i, 2, seg(1 + msg.length, next));
    });
    assertEquals(List.of("after"), sip(s).stream().map(SipMessage::callId).toList());
    assertEquals(1, s.counts.tcpGaps());
  }

  @Test
  void tcpConnectionReopenedOnSamePortsWithLowerSequenceIsReadAgain() throws Exception {
    Scan s = scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, seg(100, Sip.invite("first", null, null)));
      w.writePacket(i, 2, PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, 10, PacketBuilder.SYN, new byte[0]));
      w.writePacket(i, 3, seg(11, Sip.invite("second", null, null)));
      w.writePacket(i, 4, seg(5, Sip.invite("third", null, null)));
    });
    assertEquals(List.of("first", "second"), sip(s).stream().map(SipMessage::callId).toList());
  }

  @Test
  void tcpSequenceJumpingFarBackStartsOver() throws Exception {
    Scan s = scan(LinkType.RAW, (w, i) -> {
      w.writePacket(i, 1, seg(3_000_000, Sip.invite("first", null, null)));
      w.writePacket(i, 2, seg(10, Sip.invite("second", null, null)));
    });
    assertEquals(List.of("first", "second"), sip(s).stream().map(SipMessage::callId).toList());
  }

  @Test
  void tcpHeaderThatNeverEndsIsDroppedAndTheStreamResynchronises() throws Exception {
    byte[] start = "INVITE sip:a@b SIP/2.0\r\nX-Junk: ".getBytes();
    byte[] junk = new byte[1400];
    Arrays.fill(junk, (byte) 'x');
    Scan s = scan(LinkType.RAW, (w, i) -> {
      long seq = 1;
      w.writePacket(i, 1, seg(seq, start));
      seq += start.length;
      for (int k = 0; k < 60; k++) {
        w.writePacket(i, 2, seg(seq, junk));
        seq += junk.length;
      }
      w.writePacket(i, 3, seg(seq, Sip.invite("after-junk", null, null)));
    });
    assertEquals(List.of("after-junk"), sip(s).stream().map(SipMessage::callId).toList());
  }

  @Test
  void interruptedThreadStopsTheScan() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.LITTLE_ENDIAN, false)) {
      byte[] rtp = PacketBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2, Sip.rtp(1));
      for (int k = 0; k < 70_000; k++) {
        w.writePacket(0, k, rtp);
      }
    }
    try (TraceScanner sc = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "t"))) {
      Thread.currentThread().interrupt();
      try {
        java.io.InterruptedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
            java.io.InterruptedIOException.class, sc::next);
        assertTrue(e.getMessage().contains("interrupted after 65535 frames"), e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void badHeaderIsReportedNotDropped() throws Exception {
    byte[] bad = new String(Sip.invite("bad", null, null)).replace("CSeq: 1 INVITE", "CSeq: bogus").getBytes();
    Scan s = scan(LinkType.RAW, (w, i) -> w.writePacket(i, 1, PacketBuilder.udp("10.0.0.1", 5060, "10.0.0.2", 5060,
        bad)));
    SipMessage m = sip(s).get(0);
    assertEquals("bad", m.callId());
    assertFalse(m.problems().isEmpty());
    assertTrue(m.problems().get(0).contains("CSeq"), m.problems().toString());
  }

  @Test
  void nonSipTcpIsCountedAsOther() throws Exception {
    Scan s = scan(LinkType.RAW, (w, i) -> w.writePacket(i, 1, PacketBuilder.tcp("10.0.0.1", 443, "10.0.0.2", 5000,
        1, PacketBuilder.ACK, new byte[] {0x17, 3, 3, 0, 5, 1, 2, 3, 4, 5})));
    assertTrue(s.messages.isEmpty());
    assertEquals(1, s.counts.other());
  }
}
