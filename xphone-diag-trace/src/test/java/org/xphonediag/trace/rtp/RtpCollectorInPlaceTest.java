package org.xphonediag.trace.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.trace.CaptureReader;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.PacketDecoder;
import org.xphonediag.trace.TraceMessage;
import org.xphonediag.trace.TraceScanner;

/**
 * The scanner decides what is media and hands RTP to a collector in place ({@link
 * TraceScanner#onMedia(RtpCollector)}, no Packet per packet); that must give exactly what {@link
 * RtpCollector#accept} gives when it is fed every packet and decides by the same rules, for every
 * case the in-place path builds a packet for: new streams, RTCP, IPv6, heuristic streams (their
 * provisional first packets), payload types 72..76, the stream bound.
 */
class RtpCollectorInPlaceTest {
  private static final long MS = 1_000_000L;
  private static final String A = "192.0.2.10";
  private static final String B = "198.51.100.20";
  private static final String A6 = "2001:db8::10";
  private static final String B6 = "2001:db8::20";
  private static final Instant ANSWER = Instant.ofEpochSecond(0, RtpCapture.T0);

  @TempDir
  Path dir;

  private Path capture() throws Exception {
    RtpCapture c = new RtpCapture()
        .stream(A, 30000, B, 40000, 0xDEADBEEFL, 65000, 700, RtpCapture.T0, new RtpCapture.Shape() {
          @Override
          public boolean drop(int i) {
            return i % 97 == 5;
          }

          @Override
          public int copies(int i) {
            return i % 131 == 7 ? 2 : 1;
          }
        })
        .stream(B, 40000, A, 30000, 0x11111111L, 100, 600, RtpCapture.T0 + 3 * MS, RtpCapture.Shape.randomJitter(7, 30))
        .stream(A6, 50000, B6, 52000, 0x66666666L, 1, 300, RtpCapture.T0 + 5 * MS, new RtpCapture.Shape() {})
        .stream("203.0.113.1", 20000, "203.0.113.2", 20002, 0x33333333L, 9, 200, RtpCapture.T0 + 7 * MS,
            new RtpCapture.Shape() {});
    for (int i = 0; i < 50; i++) { // a heuristic stream whose payload type 72 looks like RTCP's range
      c.rtp("203.0.113.5", 22000, "203.0.113.6", 22002, 0x44444444L, 72, i, i * 160L, RtpCapture.T0 + i * 20 * MS + 1);
      // ... and one toward the hinted endpoint, which counts
      c.rtp("203.0.113.7", 24000, A, 30000, 0x55555555L, 73, i, i * 160L, RtpCapture.T0 + i * 20 * MS + 2);
    }
    ByteBuffer rr = ByteBuffer.allocate(32);
    rr.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x11111111).putInt(0xDEADBEEF)
        .put((byte) 64).put((byte) 0).put((byte) 0).put((byte) 12).putInt(600).putInt(80).putInt(0).putInt(0);
    c.udp(B, 40000, A, 30001, rr.array(), RtpCapture.T0 + 4000 * MS);
    return c.write(dir.resolve("mixed.pcapng"));
  }

  private static List<MediaHint> hints() {
    return List.of(MediaHint.answered(1, A + ":30000", ANSWER), MediaHint.answered(1, B + ":40000", ANSWER));
  }

  private static RtpAnalysis collect(Path f, RtpAnalyzer analyzer, boolean inPlace) throws Exception {
    RtpCollector c = analyzer.collector(hints());
    c.captureStart(RtpCapture.T0);
    if (inPlace) {
      try (TraceScanner s = TraceScanner.open(f)) {
        hints().forEach(s::learnMedia);
        s.onMedia(c);
        int seen = 0;
        for (Optional<TraceMessage> m = s.next(); m.isPresent(); m = s.next()) {
          seen++;
        }
        assertEquals(0, seen, "media only");
      }
    } else {
      PacketDecoder decoder = PacketDecoder.create();
      try (CaptureReader r = CaptureReader.open(f)) {
        for (Optional<CapturedFrame> frame = r.next(); frame.isPresent(); frame = r.next()) {
          decoder.decode(frame.get()).ifPresent(c::accept);
        }
      }
    }
    RtpAnalysis a = c.finish();
    long tracked = a.rtpPackets() - a.untrackedPackets();
    if (inPlace) { // the in-place way is taken for the tracked streams' packets but each one's first
      assertTrue(c.inPlacePackets() > tracked * 9 / 10, c.inPlacePackets() + " of " + tracked);
    } else {
      assertEquals(0, c.inPlacePackets());
    }
    return a;
  }

  @Test
  void inPlaceGivesWhatAcceptGives() throws Exception {
    Path f = capture();
    RtpAnalyzer analyzer = RtpAnalyzer.builder().build();
    RtpAnalysis viaAccept = collect(f, analyzer, false);
    RtpAnalysis inPlace = collect(f, analyzer, true);
    assertEquals(viaAccept, inPlace);
    assertEquals(5, inPlace.streams().size(), inPlace.streams().toString());
    assertEquals(1, inPlace.rtcpPackets());
    assertTrue(inPlace.streams().stream().anyMatch(s -> s.source().host().equals(A6)), "the IPv6 stream");
    assertTrue(inPlace.streams().stream().anyMatch(s -> s.ssrc() == 0x55555555L), "pt 73 toward a hinted endpoint");
    assertTrue(inPlace.streams().stream().noneMatch(s -> s.ssrc() == 0x44444444L), "heuristic pt 72 ignored");
  }

  @Test
  void theStreamBoundIsTheSameBothWays() throws Exception {
    Path f = capture();
    RtpAnalyzer analyzer = RtpAnalyzer.builder().maxStreams(2).build();
    RtpAnalysis viaAccept = collect(f, analyzer, false);
    RtpAnalysis inPlace = collect(f, analyzer, true);
    assertEquals(viaAccept, inPlace);
    assertEquals(2, inPlace.streams().size());
    assertTrue(inPlace.untrackedPackets() > 0);
  }
}
