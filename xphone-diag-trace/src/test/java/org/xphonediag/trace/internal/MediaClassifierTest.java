package org.xphonediag.trace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.PayloadKind;

/**
 * What the classifier calls media: negotiated endpoints, ICE pairs, T.38 endpoints and the strict
 * heuristic, packet by packet on one flow.
 */
class MediaClassifierTest {
  private static final byte[] ADDRESSES = {10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2};

  /** One flow 10.0.0.1:srcPort -> 10.0.0.2:dstPort and the classifier it is judged by. */
  private static final class Flow {
    final MediaClassifier c;
    final MediaClassifier.FlowState f = new MediaClassifier.FlowState();
    final int srcPort;
    final int dstPort;
    long frame;

    Flow(MediaClassifier c, int srcPort, int dstPort) {
      this.c = c;
      this.srcPort = srcPort;
      this.dstPort = dstPort;
    }

    PayloadKind packet(byte[] payload) {
      c.refresh(f, ADDRESSES, 0, 16, 4, srcPort, dstPort);
      PayloadKind content = PayloadClassifier.classify(payload, 0, payload.length);
      PayloadKind kind = c.classify(f, content, payload, 0, payload.length, srcPort, dstPort, ++frame * 20_000_000L,
          frame);
      return kind;
    }
  }

  static byte[] rtp(int pt, int seq, long ts, long ssrc) {
    return ByteBuffer.allocate(172).put((byte) 0x80).put((byte) pt).putShort((short) seq).putInt((int) ts)
        .putInt((int) ssrc).array();
  }

  private static List<PayloadKind> stream(Flow flow, int pt, int firstSeq, int count, long ssrc) {
    List<PayloadKind> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(flow.packet(rtp(pt, firstSeq + i, 160L * i, ssrc)));
    }
    return out;
  }

  @Test
  void heuristicStreamIsProvisionalUntilItsSecondPacketThenReplaysTheFirst() {
    Flow flow = new Flow(new MediaClassifier(), 20000, 30000);
    assertEquals(PayloadKind.OTHER, flow.packet(rtp(0, 100, 0, 7)));
    assertFalse(flow.f.replay);
    assertEquals(PayloadKind.RTP, flow.packet(rtp(0, 101, 160, 7)));
    assertTrue(flow.f.replay, "the first packet is RTP too");
    assertEquals(100, flow.f.probeSeq);
    assertEquals(1, flow.f.probeFrame);
    flow.f.replay = false;
    assertEquals(List.of(PayloadKind.RTP, PayloadKind.RTP), stream(flow, 0, 102, 2, 7));
    assertFalse(flow.f.replay);
  }

  @Test
  void interleavedSsrcsOnOneHeuristicFlowEachReplayTheirFirstPacket() {
    Flow flow = new Flow(new MediaClassifier(), 20000, 30000);
    for (int ssrc = 1; ssrc <= 5; ssrc++) {
      assertEquals(PayloadKind.OTHER, flow.packet(rtp(0, 1, 0, ssrc)));
    }
    for (int ssrc = 1; ssrc <= 5; ssrc++) {
      assertEquals(PayloadKind.RTP, flow.packet(rtp(0, 2, 160, ssrc)));
      assertTrue(flow.f.replay, "ssrc " + ssrc);
      flow.f.replay = false;
    }
  }

  @ParameterizedTest(name = "port {0}")
  @ValueSource(ints = {53, 137, 500, 520, 4500, 5060, 5353, 7000, 7001, 7009})
  void wellKnownNonMediaPortsAreNeverHeuristicMedia(int port) {
    Flow flow = new Flow(new MediaClassifier(), port, 30000);
    assertTrue(stream(flow, 0, 1, 20, 7).stream().allMatch(k -> k == PayloadKind.OTHER));
    Flow reverse = new Flow(new MediaClassifier(), 30000, port);
    assertTrue(stream(reverse, 0, 1, 20, 7).stream().allMatch(k -> k == PayloadKind.OTHER));
  }

  @Test
  void portsBelow1024AndTheRtcpConflictRangeAreNotHeuristicMedia() {
    assertTrue(stream(new Flow(new MediaClassifier(), 1023, 30000), 0, 1, 10, 7).stream()
        .allMatch(k -> k == PayloadKind.OTHER));
    for (int pt : new int[] {64, 72, 76, 95}) {
      assertTrue(stream(new Flow(new MediaClassifier(), 20000, 30000), pt, 1, 10, 7).stream()
          .allMatch(k -> k == PayloadKind.OTHER), "pt " + pt);
    }
  }

  @Test
  void bytesWhoseSequenceDoesNotAdvanceAreRejectedAfterTheProbes() {
    // AFS Rx, read as RTP: epoch bytes where the sequence would be (constant), call number as SSRC
    Flow constant = new Flow(new MediaClassifier(), 7100, 7200);
    List<PayloadKind> kinds = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      kinds.add(constant.packet(rtp(0, 0x1234, 1000L * i, 0xCAFE)));
    }
    assertTrue(kinds.stream().allMatch(k -> k == PayloadKind.OTHER), kinds.toString());
    // random bytes that start like RTP
    Random r = new Random(3);
    Flow random = new Flow(new MediaClassifier(), 40000, 40002);
    for (int i = 0; i < 200; i++) {
      assertEquals(PayloadKind.OTHER, random.packet(rtp(r.nextInt(35), r.nextInt(65536), r.nextInt(), r.nextInt())));
    }
    // and once rejected, a real stream on that flow stays other (the flow was not RTP)
    assertTrue(stream(random, 0, 1, 10, 9).stream().allMatch(k -> k == PayloadKind.OTHER));
  }

  @Test
  void negotiatedEndpointMakesEveryPacketMediaFromTheFirstEvenOnAnOddPort() {
    MediaClassifier c = new MediaClassifier();
    c.rtpEndpoint(IpAddress.parse("10.0.0.2"), 5004);
    Flow flow = new Flow(c, 1000, 5004);
    assertEquals(PayloadKind.RTP, flow.packet(rtp(72, 1, 0, 7)), "no heuristic: even pt 72 and port 1000");
    assertFalse(flow.f.replay);
    assertEquals(MediaClassifier.SDP_RTP, flow.f.negotiated());
    byte[] rr = ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(7).array();
    assertEquals(PayloadKind.RTCP, flow.packet(rr));
    assertEquals(PayloadKind.DTLS, flow.packet(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0}));
  }

  @Test
  void icePairIsMediaBothWays() {
    MediaClassifier c = new MediaClassifier();
    c.icePair(ADDRESSES, 0, 16, 4, 50000, 31000);
    Flow there = new Flow(c, 50000, 31000);
    assertEquals(PayloadKind.RTP, there.packet(rtp(111, 1, 0, 7)));
    assertEquals(MediaClassifier.ICE, there.f.negotiated());
    byte[] reversed = {10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1};
    MediaClassifier.FlowState back = new MediaClassifier.FlowState();
    c.refresh(back, reversed, 0, 16, 4, 31000, 50000);
    assertEquals(MediaClassifier.ICE, back.negotiated());
  }

  @Test
  void t38EndpointCarriesUdptlAfterTheAudioThatWasStillUnderway() {
    MediaClassifier c = new MediaClassifier();
    c.rtpEndpoint(IpAddress.parse("10.0.0.2"), 16834);
    Flow flow = new Flow(c, 10338, 16834);
    assertEquals(List.of(PayloadKind.RTP, PayloadKind.RTP), stream(flow, 0, 1, 2, 7));
    c.udptlEndpoint(IpAddress.parse("10.0.0.2"), 16834); // the re-INVITE: m=image 16834 udptl t38
    assertEquals(PayloadKind.RTP, flow.packet(rtp(0, 3, 320, 7)), "audio sent before the switch took effect");
    assertEquals(PayloadKind.RTP, flow.packet(rtp(0, 1, 0, 8)), "another SSRC of the same codec, before any UDPTL");
    assertEquals(PayloadKind.UDPTL, flow.packet(rtp(3, 1, 0, 9)), "another payload type: UDPTL that looks like RTP");
    byte[] udptl = {0, 0, 0, 1, 0, 1, 0, 0};
    assertEquals(PayloadKind.UDPTL, flow.packet(udptl));
    assertEquals(PayloadKind.RTP, flow.packet(rtp(0, 2, 160, 8)), "late audio of the last stream");
    assertEquals(PayloadKind.UDPTL, flow.packet(rtp(0, 500, 0, 9)), "UDPTL whose sequence number looks like RTP");
    c.rtpEndpoint(IpAddress.parse("10.0.0.2"), 16834); // back to audio
    assertEquals(PayloadKind.RTP, flow.packet(rtp(0, 4, 480, 7)));
  }

  @Test
  void t38EndpointThatNeverCarriedRtpIsUdptlWhateverTheBytes() {
    MediaClassifier c = new MediaClassifier();
    c.udptlEndpoint(IpAddress.parse("10.0.0.2"), 16834);
    Flow flow = new Flow(c, 10340, 16834);
    assertEquals(PayloadKind.UDPTL, flow.packet(rtp(0, 0x8000, 0, 7)), "sequence 32768: looks like RTP version 2");
    assertEquals(PayloadKind.UDPTL, flow.packet(new byte[] {0, 1, 0, 1, 0}));
  }

  @Test
  void heuristicRtcpAndDtlsMustFillTheirDatagramExactly() {
    Flow flow = new Flow(new MediaClassifier(), 20001, 30001);
    byte[] rr = ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(7).array();
    assertEquals(PayloadKind.RTCP, flow.packet(rr));
    byte[] rrPlusTag = ByteBuffer.allocate(22).put(rr).array(); // SRTCP: index and tag after the packet
    assertEquals(PayloadKind.OTHER, flow.packet(rrPlusTag));
    byte[] dtls = ByteBuffer.allocate(13 + 3).put((byte) 22).put((byte) 0xfe).put((byte) 0xfd).put(new byte[8])
        .putShort((short) 3).array();
    assertEquals(PayloadKind.DTLS, flow.packet(dtls));
    byte[] dnsLike = ByteBuffer.allocate(40).put((byte) 22).put((byte) 0x01).array(); // a DNS id 0x1601
    assertEquals(PayloadKind.OTHER, flow.packet(dnsLike));
    assertTrue(MediaClassifier.dtlsRecords(dtls, 0, dtls.length));
    assertFalse(MediaClassifier.dtlsRecords(dtls, 0, dtls.length - 1));
  }
}
