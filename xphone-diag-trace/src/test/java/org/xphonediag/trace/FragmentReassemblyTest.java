package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.TraceScannerTest.Scan;
import org.xphonediag.trace.internal.FragmentReassembler;

/**
 * IPv4 and IPv6 fragment reassembly (RFC 791 §3.2, RFC 8200 §4.5, RFC 5722): a SIP INVITE over UDP
 * split into fragments, in order, out of order, with a fragment missing, overlapping, duplicated or
 * late; and the reassembler's bounds.
 */
class FragmentReassemblyTest {
  private static final long SECOND = 1_000_000_000L;

  static byte[] invite(String version, String callId) {
    byte[] sip = Sip.invite(callId, "sipsorcery_v6", Sip.SDP);
    return version.equals("v6") ? PacketBuilder.udp("2001:db8::10", 5060, "2001:db8::20", 5060, sip)
        : PacketBuilder.udp("192.0.2.10", 5060, "192.0.2.20", 5060, sip);
  }

  static List<byte[]> fragments(String version, String callId, long id) {
    byte[] p = invite(version, callId);
    if (version.equals("v6")) {
      return PacketBuilder.fragmentIpv6(p, 160, id);
    }
    p[4] = (byte) (id >> 8);
    p[5] = (byte) id;
    return PacketBuilder.fragmentIpv4(p, 160);
  }

  private static Scan scanRaw(List<byte[]> frames, long step) throws Exception {
    return TraceScannerTest.scan(LinkType.RAW, (w, i) -> {
      long t = 0;
      for (byte[] f : frames) {
        w.writePacket(i, t, f);
        t += step;
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v6"})
  void fragmentsInOrderAreReassembledInTheLastFragmentsFrame(String version) throws Exception {
    List<byte[]> frags = fragments(version, "in-order", 7);
    assertTrue(frags.size() >= 4, "fragments: " + frags.size());
    Scan s = scanRaw(frags, 1000);
    List<SipMessage> sip = TraceScannerTest.sip(s);
    assertEquals(1, sip.size());
    assertEquals("in-order", sip.get(0).callId());
    assertEquals("INVITE", sip.get(0).method());
    assertEquals(Sip.SDP, sip.get(0).body());
    assertEquals(frags.size(), sip.get(0).frame());
    assertEquals(frags.size(), s.counts.ipFragments());
    assertEquals(0, s.counts.fragmentsIncomplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v6"})
  void fragmentsOutOfOrderAreReassembledWhenTheLastHoleCloses(String version) throws Exception {
    List<byte[]> frags = new ArrayList<>(fragments(version, "shuffled", 8));
    Collections.reverse(frags);
    Collections.swap(frags, 1, 2);
    Scan s = scanRaw(frags, 1000);
    List<SipMessage> sip = TraceScannerTest.sip(s);
    assertEquals(1, sip.size());
    assertEquals("shuffled", sip.get(0).callId());
    assertEquals(Sip.SDP, sip.get(0).body());
    assertEquals(frags.size(), sip.get(0).frame());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v6"})
  void missingFragmentIsCountedAndTheNextDatagramStillReads(String version) throws Exception {
    List<byte[]> frags = new ArrayList<>(fragments(version, "lost", 9));
    frags.remove(1);
    frags.addAll(fragments(version, "next", 10));
    Scan s = scanRaw(frags, 1000);
    assertEquals(List.of("next"), TraceScannerTest.sip(s).stream().map(SipMessage::callId).toList());
    assertEquals(1, s.counts.fragmentsIncomplete());
    Map<String, Object> d = s.counts.toDetails().asMap();
    assertEquals(1L, d.get("fragmentsIncomplete"));
    assertEquals((long) frags.size(), d.get("ipFragments"));
  }

  @Test
  void missingFragmentIsReportedInTheCaptureResultAndPacketCounts() throws Exception {
    List<byte[]> frags = new ArrayList<>(fragments("v6", "lost-in-report", 21));
    frags.remove(frags.size() - 1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, java.nio.ByteOrder.LITTLE_ENDIAN)) {
      int i = w.addInterface(LinkType.RAW, 9);
      for (byte[] f : frags) {
        w.writePacket(i, 1, f);
      }
    }
    TraceAnalyzer analyzer = TraceAnalyzer.builder().build();
    TraceAnalysis a;
    try (TraceScanner sc = TraceScanner.of(CaptureReader.open(new java.io.ByteArrayInputStream(out.toByteArray()),
        "lost.pcapng"))) {
      a = analyzer.analyze(sc, "lost.pcapng", List.of());
    }
    org.xphonediag.core.Report r = analyzer.report(a, java.time.Duration.ZERO);
    Map<String, Object> capture = r.results().stream().filter(c -> c.id().value().equals("trace.capture"))
        .findFirst().orElseThrow().details().asMap();
    assertEquals(1L, capture.get("fragmentsIncomplete"));
    assertEquals((long) frags.size(), capture.get("ipFragments"));
    assertEquals(1L, ((org.xphonediag.core.Details) r.data().asMap().get("packets")).asMap().get("fragmentsIncomplete"));
    assertEquals(List.of("trace.no-sip"), r.findings().stream().map(f -> f.code()).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v6"})
  void overlappingFragmentAbandonsTheDatagramAndItsLaterFragments(String version) throws Exception {
    List<byte[]> frags = fragments(version, "overlap", 11);
    byte[] second = frags.get(1).clone();
    // the same offset again with other bytes: an overlap, not a duplicate (RFC 5722)
    second[second.length - 1] ^= 0x55;
    List<byte[]> sent = new ArrayList<>(List.of(frags.get(0), frags.get(1), second));
    sent.addAll(frags.subList(2, frags.size()));
    Scan s = scanRaw(sent, 1000);
    assertTrue(TraceScannerTest.sip(s).isEmpty());
    assertEquals(1, s.counts.fragmentsOverlapping());
    assertEquals(0, s.counts.fragmentsIncomplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v6"})
  void exactDuplicateFragmentIsIgnored(String version) throws Exception {
    List<byte[]> frags = fragments(version, "dup", 12);
    List<byte[]> sent = new ArrayList<>(List.of(frags.get(0), frags.get(1), frags.get(1).clone()));
    sent.addAll(frags.subList(2, frags.size()));
    Scan s = scanRaw(sent, 1000);
    assertEquals(List.of("dup"), TraceScannerTest.sip(s).stream().map(SipMessage::callId).toList());
    assertEquals(0, s.counts.fragmentsOverlapping());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v4", "v6"})
  void fragmentsSpreadOverMoreThanTheTimeoutAreNotJoined(String version) throws Exception {
    List<byte[]> frags = fragments(version, "late", 13);
    Scan s = scanRaw(frags, 61 * SECOND / (frags.size() - 1) + 1);
    assertTrue(TraceScannerTest.sip(s).isEmpty());
    assertTrue(s.counts.fragmentsIncomplete() >= 1, s.counts.toString());
  }

  @Test
  void ipv6FragmentsWithHopByHopAndDestinationOptionsAreReassembled() throws Exception {
    byte[] p = PacketBuilder.udpWithExtensionHeaders("2001:db8::10", 5060, "2001:db8::20", 5060,
        Sip.invite("ext-frag", null, Sip.SDP));
    List<byte[]> frags = PacketBuilder.fragmentIpv6(p, 200, 77);
    assertEquals(0, frags.get(0)[6], "hop-by-hop stays in front of the Fragment header");
    Scan s = scanRaw(frags, 1);
    assertEquals(List.of("ext-frag"), TraceScannerTest.sip(s).stream().map(SipMessage::callId).toList());
  }

  @Test
  void ipv6AtomicFragmentIsReadAtOnce() throws Exception {
    byte[] p = invite("v6", "atomic");
    List<byte[]> one = PacketBuilder.fragmentIpv6(p, 4096, 5);
    assertEquals(1, one.size());
    Scan s = scanRaw(one, 1);
    assertEquals(List.of("atomic"), TraceScannerTest.sip(s).stream().map(SipMessage::callId).toList());
  }

  @Test
  void sameIdentificationFromAnotherSourceIsAnotherDatagram() throws Exception {
    List<byte[]> a = fragments("v6", "from-a", 99);
    byte[] other = PacketBuilder.udp("2001:db8::11", 5060, "2001:db8::20", 5060, Sip.invite("from-b", null, Sip.SDP));
    List<byte[]> b = PacketBuilder.fragmentIpv6(other, 256, 99);
    List<byte[]> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < a.size()) {
        mixed.add(a.get(i));
      }
      if (i < b.size()) {
        mixed.add(b.get(i));
      }
    }
    Scan s = scanRaw(mixed, 1);
    assertEquals(List.of("from-a", "from-b"), TraceScannerTest.sip(s).stream().map(SipMessage::callId).sorted().toList());
  }

  private static final byte[] SRC = {32, 1, 13, (byte) 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  private static final byte[] DST = {32, 1, 13, (byte) 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

  @Test
  void reassemblerKeepsAtMostMaxPendingDatagrams() {
    FragmentReassembler r = new FragmentReassembler();
    byte[] data = new byte[64];
    for (int id = 0; id < FragmentReassembler.MAX_PENDING * 3; id++) {
      assertNull(r.add(SRC, DST, id, FragmentReassembler.FROM_FIRST_FRAGMENT, 17, 0, true, data, 0, 64, id));
    }
    assertEquals(FragmentReassembler.MAX_PENDING, r.pending());
    assertEquals(FragmentReassembler.MAX_PENDING * 3L, r.incomplete());
  }

  @Test
  void reassemblerStaysWithinItsByteBound() {
    FragmentReassembler r = new FragmentReassembler();
    byte[] data = new byte[1024];
    for (int id = 0; id < 200; id++) {
      // the last piece of a 65,000-byte datagram: the buffer must reach 65,000 bytes
      r.add(SRC, DST, id, FragmentReassembler.FROM_FIRST_FRAGMENT, 17, 63_976, false, data, 0, 1024, id);
      assertTrue(r.bufferedBytes() <= FragmentReassembler.MAX_BYTES, "buffered " + r.bufferedBytes());
    }
    assertTrue(r.pending() < 200);
    assertEquals(200, r.incomplete());
  }

  @Test
  void reassemblerRejectsInvalidFragmentLengths() {
    FragmentReassembler r = new FragmentReassembler();
    byte[] data = new byte[70_000];
    assertNull(r.add(SRC, DST, 1, -1, 17, 0, true, data, 0, 12, 0), "more fragments with 12 bytes");
    assertNull(r.add(SRC, DST, 2, -1, 17, 65_528, false, data, 0, 16, 0), "past 65,535 bytes");
    assertEquals(2, r.invalid());
    assertEquals(0, r.pending());
  }

  @Test
  void reassemblerAbandonsAFragmentEndingPastTheKnownEnd() {
    FragmentReassembler r = new FragmentReassembler();
    byte[] data = new byte[64];
    assertNull(r.add(SRC, DST, 1, -1, 17, 16, false, data, 0, 16, 0));
    assertNull(r.add(SRC, DST, 1, -1, 17, 32, true, data, 0, 16, 0));
    assertNull(r.add(SRC, DST, 1, -1, 17, 0, true, data, 0, 16, 0));
    assertEquals(1, r.overlapping());
  }

  @Test
  void reassembledIpv6DatagramTakesTheProtocolOfItsFirstFragment() {
    FragmentReassembler r = new FragmentReassembler();
    byte[] data = new byte[16];
    Arrays.fill(data, (byte) 7);
    assertNull(r.add(SRC, DST, 3, -1, 59, 8, false, data, 0, 8, 0));
    FragmentReassembler.Datagram d = r.add(SRC, DST, 3, -1, 17, 0, true, data, 0, 8, 1);
    assertNotNull(d);
    assertEquals(17, d.protocol());
    assertEquals(16, d.data().length);
    assertEquals(0, r.bufferedBytes());
  }
}
