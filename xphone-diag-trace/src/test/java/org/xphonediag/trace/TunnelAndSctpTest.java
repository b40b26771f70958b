package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/**
 * IP in IP (RFC 2003, RFC 4213: protocols 4 and 41, nested) and SIP over SCTP (RFC 4168: one SIP
 * message per SCTP user message; bundled DATA chunks, messages fragmented over chunks of several
 * packets) are read like any other SIP; the frames are counted in {@code data.packets}. {@link
 * TunnelAndSctpTsharkIT} compares the same capture with tshark.
 */
class TunnelAndSctpTest {
  static final long T = 1_700_000_000_000_000_000L;
  static final long MS = 1_000_000L;

  @TempDir
  Path dir;

  static byte[] options(String callId) {
    return ("OPTIONS sip:xcc@10.0.0.9 SIP/2.0\r\nVia: SIP/2.0/SCTP 10.0.0.5:5060;branch=z9hG4bK-" + callId
        + "\r\nFrom: <sip:s@10.0.0.5>;tag=1\r\nTo: <sip:xcc@10.0.0.9>\r\nCall-ID: " + callId
        + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The capture both tests read: frames 1-4 SIP in tunnels, 5-9 SIP over SCTP, 10 SCTP without SIP,
   * 11 an IPv4 tunnel five deep (not decoded).
   */
  static Path capture(Path file) throws Exception {
    try (OutputStream out = Files.newOutputStream(file);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 6);
      long t = T;
      byte[] inner4 = PacketBuilder.udp("10.1.0.1", 5060, "10.1.0.2", 5060, Sip.invite("ipip-4in4", "a", null));
      w.writePacket(eth, t += MS, PacketBuilder.ethernet(PacketBuilder.ipInIp("192.0.2.1", "192.0.2.2", inner4)));
      w.writePacket(eth, t += MS, PacketBuilder.ethernet(PacketBuilder.ipInIp("2001:db8::1", "2001:db8::2",
          PacketBuilder.udp("10.1.0.1", 5060, "10.1.0.2", 5060, Sip.invite("ipip-4in6", "a", null)))));
      w.writePacket(eth, t += MS, PacketBuilder.ethernet(PacketBuilder.ipInIp("192.0.2.1", "192.0.2.2",
          PacketBuilder.udp("2001:db8::a", 5060, "2001:db8::b", 5060, Sip.invite("ipip-6in4", "a", null)))));
      w.writePacket(eth, t += MS, PacketBuilder.ethernet(PacketBuilder.ipInIp("2001:db8::1", "2001:db8::2",
          PacketBuilder.ipInIp("2001:db8::3", "2001:db8::4", PacketBuilder.udp("2001:db8::a", 5060, "2001:db8::b",
              5060, Sip.invite("ipip-6in6in6", "a", null))))));
      // SCTP: one message per packet, on 5060 and 5070
      w.writePacket(eth, t += MS, sctp(5060, List.of(PacketBuilder.sctpData(1, 0, 0, 0, true, true,
          options("sctp-single")))));
      w.writePacket(eth, t += MS, sctp(5070, List.of(PacketBuilder.sctpData(2, 0, 1, 0, true, true,
          options("sctp-5070")))));
      // two messages bundled in one packet, on two streams
      w.writePacket(eth, t += MS, sctp(5060, List.of(PacketBuilder.sctpData(3, 1, 0, 0, true, true,
          options("sctp-bundled-a")), PacketBuilder.sctpData(4, 2, 0, 0, true, true, options("sctp-bundled-b")))));
      // one message fragmented over two packets (B, then E)
      byte[] big = options("sctp-fragmented");
      byte[] first = Arrays.copyOfRange(big, 0, 60);
      byte[] rest = Arrays.copyOfRange(big, 60, big.length);
      w.writePacket(eth, t += MS, sctp(5060, List.of(PacketBuilder.sctpData(5, 3, 0, 0, true, false, first))));
      w.writePacket(eth, t += MS, sctp(5060, List.of(PacketBuilder.sctpData(6, 3, 0, 0, false, true, rest))));
      // SCTP whose user data is not SIP (an S1AP-like PPID 18 payload)
      w.writePacket(eth, t += MS, sctp(36412, List.of(PacketBuilder.sctpData(7, 0, 0, 18, true, true,
          new byte[] {0, 12, 0, 1, 2, 3, 4, 5}))));
      byte[] deep = inner4;
      for (int i = 0; i < 5; i++) {
        deep = PacketBuilder.ipInIp("192.0.2." + (10 + i), "192.0.2.99", deep);
      }
      w.writePacket(eth, t += MS, PacketBuilder.ethernet(deep));
    }
    return file;
  }

  static byte[] sctp(int port, List<byte[]> chunks) {
    return PacketBuilder.ethernet(PacketBuilder.sctp("10.0.0.5", port, "10.0.0.9", port, 0x01020304L, chunks));
  }

  @Test
  void sipInTunnelsAndInSctpIsReadAndCounted() throws Exception {
    Path f = capture(dir.resolve("t.pcapng"));
    List<String> seen = new ArrayList<>();
    List<Transport> transports = new ArrayList<>();
    try (TraceScanner s = TraceScanner.open(f)) {
      for (Optional<TraceMessage> m = s.next(); m.isPresent(); m = s.next()) {
        SipMessage sip = (SipMessage) m.get();
        seen.add(sip.frame() + " " + sip.callId());
        transports.add(sip.transport());
      }
      PacketCounts c = s.counts();
      assertEquals(11, c.total());
      assertEquals(8, c.sip(), "4 tunnelled frames and 4 SCTP frames that completed a SIP message");
      assertEquals(4, c.ipInIp(), "the five-deep tunnel is not decoded");
      assertEquals(6, c.sctp());
      assertEquals(3, c.other(), "the first fragment, the SCTP without SIP and the five-deep tunnel");
    }
    assertEquals(List.of("1 ipip-4in4", "2 ipip-4in6", "3 ipip-6in4", "4 ipip-6in6in6", "5 sctp-single",
        "6 sctp-5070", "7 sctp-bundled-a", "7 sctp-bundled-b", "9 sctp-fragmented"), seen);
    assertEquals(List.of(Transport.UDP, Transport.UDP, Transport.UDP, Transport.UDP, Transport.SCTP, Transport.SCTP,
        Transport.SCTP, Transport.SCTP, Transport.SCTP), transports);
  }

  @Test
  void reportSaysWhatWasReadOutOfTunnelsAndSctp() throws Exception {
    Report r = TraceAnalyzer.builder().build().report(capture(dir.resolve("r.pcapng")));
    Details packets = (Details) r.data().asMap().get("packets");
    assertEquals(4L, packets.asMap().get("ipInIp"));
    assertEquals(6L, packets.asMap().get("sctp"));
    String summary = r.results().get(0).summary();
    assertTrue(summary.contains("4 frames read out of IP-in-IP tunnels") && summary.contains("6 SCTP packets"),
        summary);
  }
}
