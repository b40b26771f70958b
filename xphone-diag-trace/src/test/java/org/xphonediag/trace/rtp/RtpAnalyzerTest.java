package org.xphonediag.trace.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.trace.NotACaptureException;

class RtpAnalyzerTest {
  private static final long MS = 1_000_000L;
  private static final String A = "192.0.2.10";
  private static final String B = "198.51.100.20";
  private static final Instant ANSWER = Instant.ofEpochSecond(0, RtpCapture.T0);

  @TempDir
  Path dir;

  private static RtpAnalysis analyze(Path f, List<MediaHint> hints) throws Exception {
    return RtpAnalyzer.builder().build().analyze(f, hints);
  }

  private static List<String> codes(RtpAnalysis a) {
    return a.findings().stream().map(Finding::code).toList();
  }

  private static Optional<Finding> finding(RtpAnalysis a, String code) {
    return a.findings().stream().filter(f -> f.code().equals(code)).findFirst();
  }

  private static List<MediaHint> hints() {
    return List.of(MediaHint.answered(1, A + ":30000", ANSWER), MediaHint.answered(1, B + ":40000", ANSWER));
  }

  private RtpCapture twoWay(RtpCapture.Shape ab, RtpCapture.Shape ba) {
    return new RtpCapture()
        .stream(A, 30000, B, 40000, 0xDEADBEEFL, 100, 500, RtpCapture.T0 + 10 * MS, ab)
        .stream(B, 40000, A, 30000, 0x11111111L, 60000, 500, RtpCapture.T0 + 12 * MS, ba);
  }

  @Test
  void cleanTwoWayCallHasTwoStreamsAndNoFindings() throws Exception {
    RtpAnalysis a = analyze(twoWay(new RtpCapture.Shape() {}, new RtpCapture.Shape() {}).write(dir.resolve("c.pcapng")),
        hints());
    assertEquals(2, a.streams().size());
    assertEquals(List.of(), codes(a));
    RtpStream s = a.streams(0xDEADBEEFL).get(0);
    assertEquals(3735928559L, s.ssrc());
    assertEquals("0xdeadbeef", s.ssrcHex());
    assertEquals("sdp", s.identifiedBy());
    assertEquals(1, s.call());
    assertEquals("PCMU", s.codec().orElseThrow().name());
    assertEquals(500, s.packets());
    assertEquals(500, s.expected());
    assertEquals(0, s.lost());
    assertEquals(0.0, s.maxJitterMs(), 1e-6);
    assertEquals(20.0, s.maxDeltaMs(), 1e-6);
    assertEquals(0.0, s.firstMs(), 1e-6, "ms since the capture's first frame");
    assertEquals(499 * 20, s.lastMs(), 1e-6);
    assertTrue(s.mosEstimate() > 4.3, "MOS " + s.mosEstimate());
    RtpStream back = a.streams(0x11111111L).get(0);
    assertEquals(2.0, back.firstMs(), 1e-6);
    assertEquals(500, back.expected(), "wraps from 60000 past 65535");
    assertEquals(1000, a.rtpPackets());
  }

  @Test
  void detailsCarryTheArchitectureFields() throws Exception {
    RtpAnalysis a = analyze(twoWay(new RtpCapture.Shape() {}, new RtpCapture.Shape() {}).write(dir.resolve("d.pcapng")),
        List.of());
    Map<String, Object> d = a.toDetails().get(0).asMap();
    assertEquals(3735928559L, ((Number) d.get("ssrc")).longValue());
    assertEquals("0xdeadbeef", d.get("ssrcHex"));
    assertEquals("192.0.2.10:30000", d.get("source"));
    assertEquals("198.51.100.20:40000", d.get("destination"));
    assertEquals("heuristic", d.get("identifiedBy"));
    for (String k : List.of("payloadType", "codec", "clockRate", "packets", "expected", "lost", "lossBursts",
        "duplicates", "reordered", "maxJitterMs", "maxDeltaMs", "firstMs", "lastMs", "mosEstimate")) {
      assertTrue(d.containsKey(k), "missing " + k + " in " + d.keySet());
    }
  }

  @Test
  void tenPercentLossIsAFailWithBurstsNamed() throws Exception {
    RtpCapture.Shape lossy = new RtpCapture.Shape() {
      @Override
      public boolean drop(int i) {
        return i % 50 >= 45;
      }
    };
    RtpAnalysis a = analyze(twoWay(lossy, new RtpCapture.Shape() {}).write(dir.resolve("l.pcapng")), hints());
    RtpStream s = a.streams(0xDEADBEEFL).get(0);
    assertEquals(500, s.expected() + 5, "the last 5 are never known to be missing");
    assertEquals(45, s.lost());
    assertEquals(9, s.lossBursts());
    assertEquals(5, s.maxBurst());
    Finding f = finding(a, "media.packet-loss").orElseThrow();
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.message().contains("0xdeadbeef"), f.message());
    assertTrue(s.mosEstimate() < a.streams(0x11111111L).get(0).mosEstimate());
  }

  @Test
  void twoPercentLossIsAWarnAndConfigurableThresholdsSilenceIt() throws Exception {
    RtpCapture.Shape lossy = new RtpCapture.Shape() {
      @Override
      public boolean drop(int i) {
        return i % 50 == 7;
      }
    };
    Path f = twoWay(lossy, new RtpCapture.Shape() {}).write(dir.resolve("w.pcapng"));
    assertEquals(Status.WARN, finding(analyze(f, hints()), "media.packet-loss").orElseThrow().severity());
    RtpAnalysis relaxed = RtpAnalyzer.builder().thresholds(RtpThresholds.builder().loss(5, 10).build()).build()
        .analyze(f, hints());
    assertFalse(relaxed.has("media.packet-loss"));
  }

  @Test
  void burstyArrivalRaisesHighJitter() throws Exception {
    RtpCapture.Shape bursty = new RtpCapture.Shape() {
      @Override
      public long delayNanos(int i) {
        return (9 - i % 10) * 20 * MS;
      }
    };
    RtpAnalysis a = analyze(twoWay(bursty, new RtpCapture.Shape() {}).write(dir.resolve("j.pcapng")), hints());
    RtpStream s = a.streams(0xDEADBEEFL).get(0);
    assertTrue(s.maxJitterMs() > 30, "jitter " + s.maxJitterMs());
    assertEquals(200.0, s.maxDeltaMs(), 1e-6);
    assertTrue(a.has("media.high-jitter"), codes(a).toString());
    assertFalse(a.has("media.packet-loss"));
    RtpAnalysis strict = RtpAnalyzer.builder().thresholds(RtpThresholds.builder().jitterMs(5, 10).build()).build()
        .analyze(dir.resolve("j.pcapng"), hints());
    assertEquals(Status.FAIL, finding(strict, "media.high-jitter").orElseThrow().severity());
  }

  @Test
  void oneDirectionMissingAfterAnswerIsOneWayAudio() throws Exception {
    Path f = new RtpCapture().stream(A, 30000, B, 40000, 1, 1, 200, RtpCapture.T0 + MS, new RtpCapture.Shape() {})
        .write(dir.resolve("o.pcapng"));
    RtpAnalysis a = analyze(f, hints());
    Finding one = finding(a, "media.one-way-audio").orElseThrow();
    assertEquals(Status.FAIL, one.severity());
    assertEquals("192.0.2.10:30000", one.evidence().get("missingToward").orElseThrow());
    assertFalse(a.has("media.no-rtp"));
  }

  @Test
  void holdOrRecvonlyIsNotOneWayAudio() throws Exception {
    Path f = new RtpCapture().stream(A, 30000, B, 40000, 1, 1, 200, RtpCapture.T0 + MS, new RtpCapture.Shape() {})
        .write(dir.resolve("h.pcapng"));
    List<MediaHint> hold = List.of(MediaHint.answered(1, A + ":30000", ANSWER).withDirection(MediaDirection.SENDONLY),
        MediaHint.answered(1, B + ":40000", ANSWER).withDirection(MediaDirection.RECVONLY));
    assertEquals(List.of(), codes(analyze(f, hold)));
  }

  @Test
  void answeredCallWithRtpOnlyBeforeTheAnswerHasNoRtp() throws Exception {
    Path f = twoWay(new RtpCapture.Shape() {}, new RtpCapture.Shape() {}).write(dir.resolve("n.pcapng"));
    Instant late = ANSWER.plusSeconds(60);
    RtpAnalysis a = analyze(f, List.of(MediaHint.answered(1, A + ":30000", late),
        MediaHint.answered(1, B + ":40000", late)));
    assertEquals(List.of("media.no-rtp"), codes(a));
  }

  @Test
  void unansweredCallGetsNoMediaFinding() throws Exception {
    Path f = new RtpCapture().udp(A, 5060, B, 5060, new byte[] {'x'}, RtpCapture.T0).write(dir.resolve("u.pcapng"));
    List<MediaHint> noAnswer = List.of(new MediaHint(1, org.xphonediag.core.net.HostAndPort.parse(A + ":30000", 0),
        MediaDirection.SENDRECV, Map.of(), Optional.empty()));
    RtpAnalysis a = analyze(f, noAnswer);
    assertEquals(List.of(), codes(a));
    assertEquals(0, a.streams().size());
  }

  @Test
  void rtpmapGivesTheClockRateOfDynamicPayloadTypes() throws Exception {
    RtpCapture c = new RtpCapture();
    for (int i = 0; i < 10; i++) {
      c.rtp(A, 30000, B, 40000, 7, 111, i, 960L * i, RtpCapture.T0 + i * 20 * MS + (i == 5 ? 4 * MS : 0));
    }
    Path f = c.write(dir.resolve("opus.pcapng"));
    MediaHint hint = MediaHint.answered(1, B + ":40000", ANSWER)
        .withPayloadTypes(Map.of(111, new RtpCodec("opus", 48000)));
    RtpStream s = analyze(f, List.of(hint)).streams().get(0);
    assertEquals("opus", s.codec().orElseThrow().name());
    // D = +4 ms = 192 units -> J = 12; then D = -192 -> J = 12 + 180/16 = 23.25 units = 0.484375 ms at 48 kHz
    assertEquals(23.25 / 48.0, s.maxJitterMs(), 1e-6);
    RtpStream heuristic = analyze(f, List.of()).streams().get(0);
    assertTrue(heuristic.codec().isEmpty());
    assertFalse(heuristic.jitterKnown());
    assertFalse(heuristic.toDetails().asMap().containsKey("maxJitterMs"));
  }

  @Test
  void stunDtlsAndMuxedRtcpAreNotRtpAndReceiverReportsAreRead() throws Exception {
    RtpCapture c = twoWay(new RtpCapture.Shape() {}, new RtpCapture.Shape() {});
    byte[] stun = new byte[20];
    stun[1] = 1;
    ByteBuffer.wrap(stun, 4, 4).putInt(0x2112A442);
    c.udp(A, 30000, B, 40000, stun, RtpCapture.T0 + MS);
    byte[] dtls = new byte[40];
    dtls[0] = 22;
    c.udp(A, 30000, B, 40000, dtls, RtpCapture.T0 + 2 * MS);
    // RR from B's SSRC about 0xdeadbeef: fraction 64/256, cumulative 12, jitter 80 units (10 ms at 8 kHz)
    ByteBuffer rr = ByteBuffer.allocate(32);
    rr.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x11111111).putInt(0xDEADBEEF)
        .put((byte) 64).put((byte) 0).put((byte) 0).put((byte) 12).putInt(600).putInt(80).putInt(0).putInt(0);
    c.udp(B, 40000, A, 30000, rr.array(), RtpCapture.T0 + 5000 * MS);
    RtpAnalysis a = analyze(c.write(dir.resolve("mux.pcapng")), hints());
    assertEquals(2, a.streams().size());
    assertEquals(1000, a.rtpPackets());
    assertEquals(1, a.rtcpPackets());
    RtcpReport far = a.streams(0xDEADBEEFL).get(0).farEnd().orElseThrow();
    assertEquals(0.25, far.fractionLost(), 1e-9);
    assertEquals(12, far.cumulativeLost());
    assertEquals(10.0, far.jitterMs(), 1e-9);
    assertEquals(0x11111111L, far.reporterSsrc());
  }

  @Test
  void srtcpIsCountedButItsEncryptedBlocksAreNotRead() throws Exception {
    RtpCapture c = twoWay(new RtpCapture.Shape() {}, new RtpCapture.Shape() {});
    // an RR header in clear, then "encrypted" bytes, the E flag + index and a 10-byte tag (RFC 3711 §3.4)
    ByteBuffer srtcp = ByteBuffer.allocate(32 + 14);
    srtcp.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x11111111).putInt(0xDEADBEEF)
        .put(new byte[20]).putInt(0x80000001).put(new byte[10]);
    c.udp(B, 40000, A, 30000, srtcp.array(), RtpCapture.T0 + 5000 * MS);
    RtpAnalysis a = analyze(c.write(dir.resolve("srtcp.pcapng")), hints());
    assertEquals(1, a.rtcpPackets());
    assertTrue(a.streams(0xDEADBEEFL).get(0).farEnd().isEmpty());
  }

  @Test
  void streamCapCountsFurtherPacketsWithoutTrackingThem() throws Exception {
    RtpCapture c = new RtpCapture();
    for (int ssrc = 1; ssrc <= 5; ssrc++) {
      c.stream(A, 30000, B, 40000, ssrc, 1, 10, RtpCapture.T0 + ssrc * MS, new RtpCapture.Shape() {});
    }
    RtpAnalysis a = RtpAnalyzer.builder().maxStreams(2).build().analyze(c.write(dir.resolve("cap.pcapng")), List.of());
    assertEquals(2, a.streams().size());
    assertEquals(30, a.untrackedPackets());
    assertEquals(50, a.rtpPackets());
  }

  @Test
  void notACaptureIsRejectedWithItsReason() throws Exception {
    Path f = Files.writeString(dir.resolve("x.pcap"), "hello, not a capture at all");
    assertThrows(NotACaptureException.class, () -> analyze(f, List.of()));
  }

  @Test
  void truncatedCaptureAnalysesEveryCompleteRecord() throws Exception {
    Path f = twoWay(new RtpCapture.Shape() {}, new RtpCapture.Shape() {}).write(dir.resolve("t.pcapng"));
    byte[] all = Files.readAllBytes(f);
    Path cut = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(all, all.length - 100));
    assertEquals(999, analyze(cut, List.of()).rtpPackets());
  }

  @Test
  void builderRejectsConflictingThresholdsNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RtpThresholds.builder().loss(5, 1).build());
    assertTrue(e.getMessage().contains("lossFailPercent") && e.getMessage().contains("lossWarnPercent"));
    assertThrows(IllegalArgumentException.class, () -> RtpAnalyzer.builder().maxStreams(0));
  }
}
