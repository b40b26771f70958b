package org.xphonediag.trace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.LinkType;
import org.xphonediag.trace.Packet;

/**
 * A frame decoded where it lies inside a larger buffer ({@link LinkDecoder#scan(RawFrame)}, what
 * the trace scanner does with the reader's buffer) must decode exactly as the same bytes in an array
 * of their own ({@link LinkDecoder#scan(CapturedFrame)}), whatever bytes surround it: a read past
 * the frame's end would not fail there as it does at an array's end, it would quietly see the next
 * frame. Valid frames of every link type, then the same frames cut short and with bytes flipped,
 * each placed between two different random paddings.
 */
class LinkDecoderInPlaceTest {
  private static final byte[] PAYLOAD = "INVITE sip:a@b SIP/2.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private record Sample(int linkType, byte[] data) {}

  private static List<Sample> valid() {
    List<Sample> out = new ArrayList<>();
    List<byte[]> ips = new ArrayList<>();
    ips.add(PacketBuilder.udp("192.0.2.1", 5060, "198.51.100.2", 5062, PAYLOAD));
    ips.add(PacketBuilder.udp("2001:db8::1", 3478, "2001:db8::2", 50000, PAYLOAD));
    ips.add(PacketBuilder.udpWithExtensionHeaders("2001:db8::1", 40000, "2001:db8::2", 40002, PAYLOAD));
    ips.add(PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, 1000, PacketBuilder.PSH | PacketBuilder.ACK, PAYLOAD));
    ips.add(PacketBuilder.tcp("::1", 4901, "::1", 4900, 7, PacketBuilder.SYN, new byte[0]));
    ips.addAll(PacketBuilder.fragmentIpv4(PacketBuilder.udp("192.0.2.1", 7000, "192.0.2.2", 7002, new byte[300]), 64));
    ips.addAll(PacketBuilder.fragmentIpv6(PacketBuilder.udp("2001:db8::1", 7000, "2001:db8::2", 7002, new byte[300]),
        64, 99));
    for (byte[] ip : ips) {
      out.add(new Sample(LinkType.ETHERNET, PacketBuilder.ethernet(ip)));
      out.add(new Sample(LinkType.ETHERNET, PacketBuilder.ethernet(ip, 10, 20)));
      out.add(new Sample(LinkType.NULL, PacketBuilder.loopback(ip, ByteOrder.LITTLE_ENDIAN, 24)));
      out.add(new Sample(LinkType.LOOP, PacketBuilder.loopback(ip, ByteOrder.BIG_ENDIAN, 30)));
      out.add(new Sample(LinkType.RAW, ip));
      out.add(new Sample(LinkType.LINUX_SLL, PacketBuilder.linuxSll(ip)));
      out.add(new Sample(LinkType.LINUX_SLL2, PacketBuilder.linuxSll2(ip)));
    }
    return out;
  }

  /** What a scan found: addresses, ports, TCP fields, the payload's bytes and the decoder's counters. */
  private static String outcome(LinkDecoder d, boolean found) {
    String counters = " notIp=" + d.notIp() + " malformed=" + d.malformed() + " fragments=" + d.fragmentsSeen()
        + " reassembled=" + d.reassembled();
    if (!found) {
      return "none" + counters;
    }
    LinkDecoder.Layout l = d.layout();
    Packet p = d.packet();
    return (l.tcp ? "tcp " : "udp ") + p.source() + ":" + p.sourcePort() + " > " + p.destination() + ":"
        + p.destinationPort() + " seq=" + l.seq + " flags=" + l.flags + " whole=" + l.reassembled + " payload="
        + Arrays.toString(p.payload()) + " frame=" + p.frame().number() + "/" + p.frame().data().length + counters;
  }

  @Test
  void aFrameInsideABufferDecodesAsTheSameBytesAlone() {
    Random r = new Random(2026);
    List<Sample> samples = valid();
    LinkDecoder alone = new LinkDecoder();
    LinkDecoder[] inPlace = {new LinkDecoder(), new LinkDecoder()};
    RawFrame raw = new RawFrame();
    int found = 0;
    for (int i = 0; i < 30_000; i++) {
      Sample s = samples.get(i % samples.size());
      byte[] data = s.data.clone();
      if (i >= samples.size()) { // after one clean round: cut short, flip bytes, or both
        if (r.nextBoolean()) {
          data = Arrays.copyOf(data, r.nextInt(data.length + 1));
        }
        for (int k = r.nextInt(4); k > 0 && data.length > 0; k--) {
          data[r.nextInt(data.length)] = (byte) r.nextInt(256);
        }
      }
      CapturedFrame frame = new CapturedFrame(i + 1, 1_000_000L * i, 0, s.linkType, data.length, data, 0);
      boolean ok = alone.scan(frame);
      String expected = outcome(alone, ok);
      found += ok ? 1 : 0;
      for (int pad = 0; pad < 2; pad++) { // two different neighbourhoods, each decoder sees every frame once
        byte[] buf = new byte[data.length + 200];
        r.nextBytes(buf);
        int off = 1 + r.nextInt(100);
        System.arraycopy(data, 0, buf, off, data.length);
        raw.setInPlace(buf, off, data.length, i + 1, 1_000_000L * i, 0, s.linkType, data.length, 0);
        assertEquals(expected, outcome(inPlace[pad], inPlace[pad].scan(raw)),
            "sample " + (i % samples.size()) + ", round " + i + ", padding " + pad);
      }
    }
    assertTrue(found > 5_000, "decoded " + found);
  }
}
