package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xphonediag.trace.MediaDiagnosisTest.CLIENT_UFRAG;
import static org.xphonediag.trace.MediaDiagnosisTest.GOOD_CLIENT;
import static org.xphonediag.trace.MediaDiagnosisTest.GOOD_XCC;
import static org.xphonediag.trace.MediaDiagnosisTest.S;
import static org.xphonediag.trace.MediaDiagnosisTest.T;
import static org.xphonediag.trace.MediaDiagnosisTest.XCC_UFRAG;
import static org.xphonediag.trace.MediaDiagnosisTest.udp;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.trace.rtp.RtpThresholds;

/**
 * The trace's stream verdicts on captures written here (docs/field-guide.md chapters 5-7): streams tied to call, leg
 * and direction by the SDPs and the pair the bindings confirmed, codecs from the rtpmap, {@code
 * media.one-way-audio} and {@code media.no-rtp} with evidence frames, and no finding on NAT paths.
 */
class TraceStreamsTest {
  @TempDir
  Path dir;

  static final String XCC = "192.168.101.12";
  static final int XCC_PORT = 31000;
  static final String CLIENT_PUBLIC = "203.0.113.7";

  /** An RTP packet: 12-byte header and 160 payload bytes. */
  static byte[] rtp(int pt, int seq, long ts, long ssrc) {
    return ByteBuffer.allocate(172).put((byte) 0x80).put((byte) pt).putShort((short) seq).putInt((int) ts)
        .putInt((int) ssrc).array();
  }

  /** Three answered checks from {@code ip:port} to the XCC's host candidate, at T + 2 s (frames 6..11). */
  static void checks(CaptureWriter w, int eth, String ip, int port) throws Exception {
    for (int i = 0; i < 3; i++) {
      w.writePacket(eth, T + 2 * S + i * 50_000_000L, udp(ip, port, XCC, XCC_PORT,
          Stun.request(i, XCC_UFRAG + ":" + CLIENT_UFRAG)));
      w.writePacket(eth, T + 2 * S + i * 50_000_000L + 20_000_000L, udp(XCC, XCC_PORT, ip, port,
          Stun.success(i, ip, port)));
    }
  }

  /** {@code n} 20 ms PCMU packets from {@code startNanos}. */
  static void stream(CaptureWriter w, int eth, String src, int sp, String dst, int dp, long ssrc, long startNanos,
      int n) throws Exception {
    for (int i = 0; i < n; i++) {
      w.writePacket(eth, startNanos + i * 20_000_000L, udp(src, sp, dst, dp, rtp(0, i, 160L * i, ssrc)));
    }
  }

  Report report(String clientSdp, String xccSdp, MediaDiagnosisTest.Media media) throws Exception {
    return report(TraceAnalyzer.builder(), clientSdp, xccSdp, media);
  }

  Report report(TraceAnalyzer.Builder b, String clientSdp, String xccSdp, MediaDiagnosisTest.Media media)
      throws Exception {
    return b.build().report(MediaDiagnosisTest.call(dir.resolve("call.pcapng"), clientSdp, xccSdp, media));
  }

  static List<String> codes(Report r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> streams(Report r) {
    return ((List<Details>) r.data().asMap().get("streams")).stream().map(Details::asMap).toList();
  }

  /** Both directions on the confirmed pair, while both interleave in capture order. */
  static void bothWays(CaptureWriter w, int eth, String ip, int port, long start, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      long t = start + i * 20_000_000L;
      w.writePacket(eth, t, udp(ip, port, XCC, XCC_PORT, rtp(0, i, 160L * i, 0xC11E7L)));
      w.writePacket(eth, t + 1_000_000L, udp(XCC, XCC_PORT, ip, port, rtp(0, 1000 + i, 160L * i, 0x0CCL)));
    }
  }

  @Test
  void goodCallThenStreamsNameCallLegAndDirectionAndNoFinding() throws Exception {
    Report r = report(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      checks(w, eth, CLIENT_PUBLIC, 50001);
      bothWays(w, eth, CLIENT_PUBLIC, 50001, T + 3 * S, 100);
    });
    assertEquals(List.of(), codes(r), r.findings().toString());
    assertEquals(Status.PASS, r.status());
    List<Map<String, Object>> s = streams(r);
    assertEquals(2, s.size());
    assertEquals(1, s.get(0).get("call"));
    assertEquals("loopback", s.get(0).get("leg").toString().toLowerCase());
    assertEquals("leg1", s.get(0).get("callId"));
    assertEquals("client-to-xcc", s.get(0).get("direction"));
    assertEquals("xcc-to-client", s.get(1).get("direction"));
    assertEquals("sdp", s.get(0).get("identifiedBy"));
    assertEquals("PCMU", s.get(0).get("codec"));
    assertEquals(100L, ((Number) s.get(1).get("packets")).longValue());
    assertEquals(3000.0, ((Number) s.get(0).get("firstMs")).doubleValue(), 1e-9, "ms since the INVITE's frame");
    assertEquals(12L, ((Number) s.get(0).get("firstFrame")).longValue());
  }

  @Test
  void natPathWithPrivateConnectionAddressesButRtpOnTheConfirmedPublicPairThenNoFinding() throws Exception {
    // the client's c= and host candidate are private, its NAT maps to a port it never offered; the XCC's
    // c= is its public address while the capture on its host sees the private one
    String client = "v=0\r\no=IceLink 1 2 IN IP4 172.20.10.2\r\ns=-\r\nc=IN IP4 172.20.10.2\r\nt=0 0\r\n"
        + "a=ice-ufrag:" + CLIENT_UFRAG + "\r\na=ice-pwd:p\r\nm=audio 50000 UDP/TLS/RTP/SAVPF 0\r\n"
        + MediaDiagnosisTest.CLIENT_HOST + MediaDiagnosisTest.CLIENT_SRFLX;
    String xcc = "v=0\r\no=FreeSWITCH 1 2 IN IP4 198.51.100.20\r\ns=-\r\nc=IN IP4 198.51.100.20\r\nt=0 0\r\n"
        + "a=ice-ufrag:" + XCC_UFRAG + "\r\na=ice-pwd:p\r\nm=audio 31000 UDP/TLS/RTP/SAVPF 0\r\n"
        + MediaDiagnosisTest.XCC_HOST + MediaDiagnosisTest.XCC_SRFLX;
    Report r = report(client, xcc, (w, eth) -> {
      checks(w, eth, CLIENT_PUBLIC, 41234);
      bothWays(w, eth, CLIENT_PUBLIC, 41234, T + 3 * S, 100);
    });
    assertEquals(List.of(), codes(r), r.findings().toString());
    List<Map<String, Object>> s = streams(r);
    assertEquals(List.of("client-to-xcc", "xcc-to-client"), s.stream().map(m -> m.get("direction")).toList());
    assertEquals(List.of(1, 1), s.stream().map(m -> m.get("call")).toList());
  }

  @Test
  void rtpOnlyFromTheXccAfterTheAnswerThenOneWayAudioWithEvidenceFrames() throws Exception {
    Report r = report(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      checks(w, eth, CLIENT_PUBLIC, 50001);
      stream(w, eth, XCC, XCC_PORT, CLIENT_PUBLIC, 50001, 0x0CCL, T + 3 * S, 200);
    });
    assertEquals(List.of("media.one-way-audio"), codes(r), r.findings().toString());
    assertEquals(Status.FAIL, r.status());
    Finding f = r.findings().get(0);
    Map<String, Object> e = f.evidence().asMap();
    assertEquals(1, e.get("call"));
    assertEquals(5L, e.get("answerFrame"));
    assertEquals("client-to-xcc", e.get("missingDirection"));
    assertEquals(List.of("192.168.101.12:31000"), e.get("missingToward"));
    assertEquals(List.of(12L, 211L), e.get("presentFrames"));
    assertEquals(200L, e.get("packetsOtherWay"));
    assertEquals(7L, e.get("firstSuccessFrame"));
    assertTrue(f.message().contains("none went client-to-xcc"), f.message());
  }

  @Test
  void onHoldCallWithMediaOneWayIsNotOneWayAudio() throws Exception {
    String sendonly = GOOD_CLIENT.replace("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n",
        "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=sendonly\r\n");
    Report r = report(sendonly, GOOD_XCC.replace("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n",
        "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=recvonly\r\n"), (w, eth) -> {
          checks(w, eth, CLIENT_PUBLIC, 50001);
          stream(w, eth, CLIENT_PUBLIC, 50001, XCC, XCC_PORT, 0xC11E7L, T + 3 * S, 200);
        });
    assertEquals(List.of(), codes(r), r.findings().toString());
  }

  @Test
  void bindingsSucceedButNoRtpThenNoRtpNamingTheConfirmedPair() throws Exception {
    Report r = report(GOOD_CLIENT, GOOD_XCC, (w, eth) -> checks(w, eth, CLIENT_PUBLIC, 50001));
    assertEquals(List.of("media.no-rtp"), codes(r), r.findings().toString());
    Map<String, Object> e = r.findings().get(0).evidence().asMap();
    assertEquals(5L, e.get("answerFrame"));
    assertEquals(7L, e.get("firstSuccessFrame"));
    assertEquals(List.of("203.0.113.7:50001"), e.get("clientEndpoints"));
    assertEquals(List.of("192.168.101.12:31000"), e.get("xccEndpoints"));
    assertEquals(3000L, e.get("timeoutMs"));
    assertEquals(0L, e.get("dtlsPackets"));
  }

  @Test
  void noRtpAfterADtlsHandshakeSaysSoInTheMessage() throws Exception {
    byte[] clientHello = new byte[60];
    clientHello[0] = 22; // DTLS handshake record (RFC 7983: 20..63)
    clientHello[1] = (byte) 0xfe;
    clientHello[2] = (byte) 0xfd;
    Report r = report(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      checks(w, eth, CLIENT_PUBLIC, 50001);
      w.writePacket(eth, T + 2 * S + 300_000_000L, udp(CLIENT_PUBLIC, 50001, XCC, XCC_PORT, clientHello));
      w.writePacket(eth, T + 2 * S + 310_000_000L, udp(XCC, XCC_PORT, CLIENT_PUBLIC, 50001, clientHello));
    });
    assertEquals(List.of("media.no-rtp"), codes(r), r.findings().toString());
    assertEquals(2L, r.findings().get(0).evidence().asMap().get("dtlsPackets"));
    assertTrue(r.findings().get(0).message().contains("2 DTLS packets between them (the DTLS handshake ran"),
        r.findings().get(0).message());
  }

  @Test
  void rtpStartingLateIsNoRtpUnlessTheMediaTimeoutAllowsIt() throws Exception {
    MediaDiagnosisTest.Media late = (w, eth) -> {
      checks(w, eth, CLIENT_PUBLIC, 50001);
      bothWays(w, eth, CLIENT_PUBLIC, 50001, T + 12 * S, 50);
    };
    Report r = report(GOOD_CLIENT, GOOD_XCC, late);
    assertEquals(List.of("media.no-rtp"), codes(r), r.findings().toString());
    assertEquals(12L, r.findings().get(0).evidence().asMap().get("firstRtpFrame"));
    assertTrue(r.findings().get(0).message().contains("the first RTP came 9980 ms later"),
        r.findings().get(0).message());
    Report patient = report(TraceAnalyzer.builder().mediaTimeout(Duration.ofSeconds(15)), GOOD_CLIENT, GOOD_XCC, late);
    assertEquals(List.of(), codes(patient), patient.findings().toString());
  }

  @Test
  void captureShorterThanTheMediaTimeoutAfterTheStartIsNotJudged() throws Exception {
    // the BYE at T + 60 s ends the call; a 70 s timeout cannot be covered
    Report r = report(TraceAnalyzer.builder().mediaTimeout(Duration.ofSeconds(70)), GOOD_CLIENT, GOOD_XCC,
        (w, eth) -> checks(w, eth, CLIENT_PUBLIC, 50001));
    assertEquals(List.of(), codes(r), r.findings().toString());
  }

  @Test
  void dynamicPayloadTypeTakesCodecAndClockRateFromRtpmapAndEventsDoNotCountForJitter() throws Exception {
    String opus = GOOD_CLIENT.replace("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 101\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n");
    Report r = report(opus, GOOD_XCC, (w, eth) -> {
      checks(w, eth, CLIENT_PUBLIC, 50001);
      for (int i = 0; i < 100; i++) {
        long t = T + 3 * S + i * 20_000_000L;
        // toward the client: its rtpmap applies; every tenth packet is a DTMF event with a stale timestamp
        boolean event = i % 10 == 5;
        w.writePacket(eth, t, udp(XCC, XCC_PORT, CLIENT_PUBLIC, 50001,
            rtp(event ? 101 : 111, i, event ? 0 : 960L * i, 0x0CCL)));
        w.writePacket(eth, t + 1_000_000L, udp(CLIENT_PUBLIC, 50001, XCC, XCC_PORT, rtp(0, i, 160L * i, 0xC11E7L)));
      }
    });
    assertEquals(List.of(), codes(r), r.findings().toString());
    Map<String, Object> toClient = streams(r).stream().filter(m -> "xcc-to-client".equals(m.get("direction")))
        .findFirst().orElseThrow();
    assertEquals("opus", toClient.get("codec"));
    assertEquals(48000, toClient.get("clockRate"));
    assertEquals(0.0, ((Number) toClient.get("maxJitterMs")).doubleValue(), 1e-9, toClient.toString());
    assertEquals(0L, ((Number) toClient.get("lost")).longValue());
  }

  @Test
  void thresholdsAndMediaTimeoutAreConfigurableAndValidated() throws Exception {
    Report r = report(TraceAnalyzer.builder().rtpThresholds(RtpThresholds.builder().loss(0, 0).minPackets(1).build()),
        GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
          checks(w, eth, CLIENT_PUBLIC, 50001);
          for (int i = 0; i < 100; i++) {
            long t = T + 3 * S + i * 20_000_000L;
            if (i != 50) {
              w.writePacket(eth, t, udp(CLIENT_PUBLIC, 50001, XCC, XCC_PORT, rtp(0, i, 160L * i, 0xC11E7L)));
            }
            w.writePacket(eth, t + 1_000_000L, udp(XCC, XCC_PORT, CLIENT_PUBLIC, 50001, rtp(0, i, 160L * i, 0x0CCL)));
          }
        });
    assertEquals(List.of("media.packet-loss"), codes(r), r.findings().toString());
    assertEquals(Status.FAIL, r.findings().get(0).severity());
    assertThrows(IllegalArgumentException.class, () -> TraceAnalyzer.builder().mediaTimeout(Duration.ofMillis(10)));
  }

  @Test
  void leg2StreamsAreTiedToTheXccLegAndItsOneWayAudioIsFlagged() throws Exception {
    String xccOffer = "v=0\r\no=FreeSWITCH 1 2 IN IP4 192.168.101.12\r\ns=-\r\nc=IN IP4 192.168.101.12\r\nt=0 0\r\n"
        + "m=audio 32000 RTP/AVP 0\r\n";
    String gwAnswer = "v=0\r\no=gw 1 2 IN IP4 10.0.0.50\r\ns=-\r\nc=IN IP4 10.0.0.50\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP 0\r\n";
    Report r = report(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      w.writePacket(eth, T + S, udp(XCC, 5060, "10.0.0.50", 5060, Sip.invite("leg2", "XPhone Call Controller",
          xccOffer)));
      w.writePacket(eth, T + S + 500_000_000L, udp("10.0.0.50", 5060, XCC, 5060, Sip.response("leg2", 200, "OK",
          "INVITE", gwAnswer)));
      checks(w, eth, CLIENT_PUBLIC, 50001);
      bothWays(w, eth, CLIENT_PUBLIC, 50001, T + 3 * S, 100);
      stream(w, eth, "10.0.0.50", 40000, XCC, 32000, 0x6A7E6A7EL, T + 3 * S, 200);
    });
    assertEquals(List.of("media.one-way-audio"), codes(r), r.findings().toString());
    Map<String, Object> e = r.findings().get(0).evidence().asMap();
    assertEquals("leg2", e.get("callId"));
    assertEquals("xcc-to-callee", e.get("missingDirection"));
    assertEquals(List.of("10.0.0.50:40000"), e.get("missingToward"));
    List<Map<String, Object>> s = streams(r);
    assertEquals(3, s.size());
    Map<String, Object> gw = s.stream().filter(m -> "leg2".equals(m.get("callId"))).findFirst().orElseThrow();
    assertEquals(1, gw.get("call"));
    assertEquals("xcc", gw.get("leg").toString().toLowerCase());
    assertEquals("callee-to-xcc", gw.get("direction"));
    assertEquals(2, s.stream().filter(m -> "leg1".equals(m.get("callId"))).count());
  }
}
