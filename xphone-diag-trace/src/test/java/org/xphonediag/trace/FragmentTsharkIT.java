package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/**
 * IP fragment reassembly compared frame by frame with tshark's (Call-ID and method of the SIP
 * INVITE carried): an INVITE over UDP split into IPv6 (RFC 8200 §4.5) or IPv4 fragments, sent in
 * order, out of order, and with a fragment missing, in one capture per version and format; and
 * overlapping fragments, where we deliberately differ.
 */
class FragmentTsharkIT {
  @TempDir
  Path dir;

  private static final long T0 = 1_700_000_000_000_000_000L;

  @BeforeAll
  static void tsharkInstalled() {
    assumeTrue(Tshark.available("tshark"), "tshark is not installed (Debian package tshark)");
  }

  @ParameterizedTest
  @CsvSource({"v6,pcapng", "v6,pcap", "v4,pcapng", "v4,pcap"})
  void fragmentedInvitesInOrderOutOfOrderAndWithALostFragmentMatchTshark(String version, String format)
      throws Exception {
    List<byte[]> inOrder = FragmentReassemblyTest.fragments(version, "frag-in-order@test", 0x1001);
    List<byte[]> shuffled = new ArrayList<>(FragmentReassemblyTest.fragments(version, "frag-shuffled@test", 0x1002));
    Collections.reverse(shuffled);
    Collections.swap(shuffled, 0, 2);
    List<byte[]> lost = new ArrayList<>(FragmentReassemblyTest.fragments(version, "frag-lost@test", 0x1003));
    lost.remove(2);
    List<byte[]> after = FragmentReassemblyTest.fragments(version, "frag-after@test", 0x1004);
    List<byte[]> all = new ArrayList<>(inOrder);
    all.addAll(shuffled);
    all.addAll(lost);
    all.addAll(after);
    Path f = dir.resolve("fragments." + format);
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = format.equals("pcap") ? CaptureWriter.pcap(out, LinkType.ETHERNET, ByteOrder.BIG_ENDIAN, true)
            : CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = format.equals("pcap") ? 0 : w.addInterface(LinkType.ETHERNET, 9);
      long t = T0;
      for (byte[] frag : all) {
        w.writePacket(eth, t, PacketBuilder.ethernet(frag));
        t += 1_000_000;
      }
    }
    Map<Long, String> ours = Tshark.ours(f);
    int n1 = inOrder.size();
    int n2 = n1 + shuffled.size();
    int n4 = n2 + lost.size() + after.size();
    assertEquals(List.of((long) n1, (long) n2, (long) n4), List.copyOf(ours.keySet()), ours.toString());
    assertEquals(Tshark.tshark(f), ours);
    try (TraceScanner s = TraceScanner.open(f)) {
      while (s.next().isPresent()) {
        // read to the end for the counts
      }
      assertEquals(1, s.counts().fragmentsIncomplete());
      assertEquals(all.size(), s.counts().ipFragments());
    }
  }

  /**
   * RFC 5722 (and RFC 8200 §4.5) make a receiver drop a datagram whose fragments overlap; tshark still
   * shows one (it only flags the conflicting overlap). We follow the receivers: the INVITE that tshark
   * shows never reached the XCC.
   */
  @ParameterizedTest
  @ValueSource(strings = {"v6", "v4"})
  void overlappingFragmentsAbandonTheDatagramWhereTsharkReassemblesIt(String version) throws Exception {
    List<byte[]> frags = FragmentReassemblyTest.fragments(version, "frag-overlap@test", 0x2001);
    byte[] conflicting = frags.get(1).clone();
    conflicting[conflicting.length - 1] ^= 0x55;
    List<byte[]> sent = new ArrayList<>(List.of(frags.get(0), frags.get(1), conflicting));
    sent.addAll(frags.subList(2, frags.size()));
    Path f = dir.resolve("overlap.pcapng");
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 9);
      for (byte[] frag : sent) {
        w.writePacket(eth, T0, PacketBuilder.ethernet(frag));
      }
    }
    assertEquals(Map.of((long) sent.size(), "[frag-overlap@test] [INVITE] [] [] [] []"), Tshark.tshark(f));
    assertEquals(Map.of(), Tshark.ours(f));
    try (TraceScanner s = TraceScanner.open(f)) {
      while (s.next().isPresent()) {
        // read to the end for the counts
      }
      assertEquals(1, s.counts().fragmentsOverlapping());
      assertEquals(0, s.counts().fragmentsIncomplete());
    }
  }
}
