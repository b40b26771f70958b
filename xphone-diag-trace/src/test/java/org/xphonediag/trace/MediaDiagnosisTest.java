package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/** The media diagnoses on captures written here (docs/field-guide.md#reading-a-trace, #failure-patterns; ARCHITECTURE.md address mismatch). */
class MediaDiagnosisTest {
  @TempDir
  Path dir;

  static final long T = 1_674_741_857_000_000_000L;
  static final long S = 1_000_000_000L;
  static final String CLIENT_UFRAG = "8b708ebc";
  static final String XCC_UFRAG = "BUmkOSgeYbP7L5rF";
  static final String CLIENT_HOST = "a=candidate:1 1 udp 2130706431 172.20.10.2 50000 typ host\r\n";
  static final String CLIENT_SRFLX =
      "a=candidate:2 1 udp 1694498815 203.0.113.7 50001 typ srflx raddr 172.20.10.2 rport 50000\r\n";
  static final String XCC_HOST = "a=candidate:3 1 udp 2130706431 192.168.101.12 31000 typ host\r\n";
  static final String XCC_SRFLX =
      "a=candidate:4 1 udp 1694498815 198.51.100.20 31000 typ srflx raddr 192.168.101.12 rport 31000\r\n";

  static String sdp(String origin, String ufrag, String pwd, String... candidates) {
    return "v=0\r\no=" + origin + " 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "a=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + pwd + "\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n" + String.join("", candidates);
  }

  interface Media {
    void write(CaptureWriter w, int eth) throws Exception;
  }

  /** A complete call on the loopback leg (INVITE, 100, 183, 180, 200, ACK, BYE, 200) and the given media. */
  Path call(String clientSdp, String xccSdp, Media media) throws Exception {
    return call(dir.resolve("call.pcapng"), clientSdp, xccSdp, media);
  }

  /** The same call written to {@code f}. */
  static Path call(Path f, String clientSdp, String xccSdp, Media media) throws Exception {
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 9);
      int lo = w.addInterface(LinkType.NULL, 9);
      long seq = 1;
      long ack = 1;
      byte[][] toXcc = {Sip.invite("leg1", "sipsorcery_v6", clientSdp)};
      w.writePacket(lo, T, tcp(true, seq, toXcc[0]));
      seq += toXcc[0].length;
      String[][] answers = {{"100", "Trying"}, {"183", "Session Progress"}, {"180", "Ringing"}, {"200", "OK"}};
      for (int i = 0; i < answers.length; i++) {
        byte[] m = Sip.response("leg1", Integer.parseInt(answers[i][0]), answers[i][1], "INVITE",
            answers[i][0].equals("183") || answers[i][0].equals("200") ? xccSdp : null);
        w.writePacket(lo, T + (i + 1) * 1_000_000L, tcp(false, ack, m));
        ack += m.length;
      }
      media.write(w, eth);
      byte[] bye = Sip.invite("leg1", "sipsorcery_v6", null);
      w.writePacket(lo, T + 60 * S, tcp(true, seq, new String(bye, java.nio.charset.StandardCharsets.UTF_8)
          .replace("INVITE", "BYE").replace("CSeq: 1 BYE", "CSeq: 2 BYE").getBytes(java.nio.charset.StandardCharsets
              .UTF_8)));
    }
    return f;
  }

  static byte[] tcp(boolean toXcc, long seq, byte[] sip) {
    return PacketBuilder.loopback(toXcc
        ? PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, seq, PacketBuilder.PSH | PacketBuilder.ACK, sip)
        : PacketBuilder.tcp("127.0.0.1", 4900, "127.0.0.1", 4901, seq, PacketBuilder.PSH | PacketBuilder.ACK, sip),
        ByteOrder.LITTLE_ENDIAN, 23);
  }

  static byte[] udp(String src, int sp, String dst, int dp, byte[] payload) {
    return PacketBuilder.ethernet(PacketBuilder.udp(src, sp, dst, dp, payload));
  }

  static final String GOOD_CLIENT = sdp("IceLink", CLIENT_UFRAG, "clientSecretPwd0123456789", CLIENT_HOST, CLIENT_SRFLX);
  static final String GOOD_XCC = sdp("FreeSWITCH", XCC_UFRAG, "xccSecretPwd0123456789", XCC_HOST, XCC_SRFLX);

  /** The report without stream statistics: these tests are about candidates and bindings (streams: TraceStreamsTest). */
  static Report report(Path f) throws Exception {
    return TraceAnalyzer.builder().streams(false).build().report(f);
  }

  static List<String> codes(Report r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> bindings(Report r, int index) {
    return ((List<Details>) r.data().asMap().get("bindings")).get(index).asMap();
  }

  /** Client checks from its srflx address to the XCC's host candidate, each answered; RTP follows. */
  static void answeredChecks(CaptureWriter w, int eth, String fromIp, int fromPort) throws Exception {
    for (int i = 0; i < 3; i++) {
      w.writePacket(eth, T + 2 * S + i * 50_000_000L, udp(fromIp, fromPort, "192.168.101.12", 31000,
          Stun.request(i, XCC_UFRAG + ":" + CLIENT_UFRAG)));
      w.writePacket(eth, T + 2 * S + i * 50_000_000L + 20_000_000L, udp("192.168.101.12", 31000, fromIp, fromPort,
          Stun.success(i, fromIp, fromPort)));
    }
    for (int i = 0; i < 5; i++) {
      w.writePacket(eth, T + 3 * S + i * 20_000_000L, udp(fromIp, fromPort, "192.168.101.12", 31000, Sip.rtp(i)));
    }
  }

  @Test
  void domainBadTraceUnansweredRequestsWhileSipCompletesThenNoBindingSuccess() throws Exception {
    Path f = call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      for (int i = 0; i < 6; i++) {
        w.writePacket(eth, T + 2 * S + i * 5 * S, udp("192.168.101.12", 31000, "172.20.10.2", 50000,
            Stun.request(i, CLIENT_UFRAG + ":" + XCC_UFRAG)));
      }
    });
    Report r = report(f);
    assertEquals(List.of("media.no-binding-success"), codes(r));
    assertEquals(Status.FAIL, r.status());
    Finding nb = r.findings().get(0);
    assertEquals(List.of(6L, 7L, 8L, 9L, 10L, 11L), nb.evidence().asMap().get("requestFrames"));
    assertTrue(nb.message().contains("user 8b708ebc:BUmkOSgeYbP7L5rF"), nb.message());
    assertTrue(nb.remedy().contains("Pin Hole Puncher"), nb.remedy());
    Map<String, Object> b = bindings(r, 0);
    assertEquals(6, b.get("requests"));
    assertEquals(0, b.get("successes"));
    Details pair = ((List<Details>) b.get("pairs")).get(0);
    assertEquals("xcc-to-client", pair.asMap().get("direction"));
    assertEquals("192.168.101.12:31000", pair.asMap().get("source"));
  }

  @Test
  void answeredChecksThenNoMediaFindingAndFirstSuccessTime() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> answeredChecks(w, eth, "203.0.113.7", 50001)));
    assertEquals(List.of(), codes(r), r.findings().toString());
    assertEquals(Status.PASS, r.status());
    Map<String, Object> b = bindings(r, 0);
    assertEquals(3, b.get("requests"));
    assertEquals(3, b.get("successes"));
    assertEquals(20.0, b.get("firstSuccessMs"));
    assertEquals("ok", b.get("verdict"));
    assertEquals("client-to-xcc", ((List<Details>) b.get("pairs")).get(0).asMap().get("direction"));
    @SuppressWarnings("unchecked")
    List<Details> cands = (List<Details>) r.data().asMap().get("candidates");
    assertEquals(List.of("client", "xcc"), cands.stream().map(d -> d.asMap().get("side")).toList());
    assertEquals(CLIENT_UFRAG, cands.get(0).asMap().get("iceUfrag"));
    assertEquals("203.0.113.7", ((List<Details>) cands.get(0).asMap().get("candidates")).get(1).asMap()
        .get("address"));
    java.io.StringWriter json = new java.io.StringWriter();
    new org.xphonediag.core.report.JsonReportWriter().write(r, json);
    assertTrue(json.toString().contains(XCC_UFRAG), json.toString());
    assertFalse(json.toString().contains("SecretPwd"), "ice-pwd must never be reported");
  }

  @Test
  void errorResponsesOnlyThenNoBindingSuccessCountsErrors() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      w.writePacket(eth, T + 2 * S, udp("203.0.113.7", 50001, "192.168.101.12", 31000,
          Stun.request(1, XCC_UFRAG + ":" + CLIENT_UFRAG)));
      w.writePacket(eth, T + 2 * S + 1000, udp("192.168.101.12", 31000, "203.0.113.7", 50001,
          Stun.error(1, 401, "Unauthorized")));
    }));
    assertEquals(List.of("media.no-binding-success"), codes(r));
    assertEquals(1, bindings(r, 0).get("errors"));
    assertEquals(List.of(401), ((List<Details>) bindings(r, 0).get("pairs")).get(0).asMap().get("errorCodes"));
  }

  @Test
  void noBindingRequestsAtAllThenNoBindingFinding() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> { }));
    assertEquals(List.of(), codes(r));
    assertEquals("no binding requests captured", bindings(r, 0).get("verdict"));
  }

  @Test
  void clientOffersOnlyPrivateHostThenMissingPublicCandidate() throws Exception {
    Report r = report(call(sdp("IceLink", CLIENT_UFRAG, "p", CLIENT_HOST), GOOD_XCC,
        (w, eth) -> answeredChecks(w, eth, "172.20.10.2", 50000)));
    assertEquals(List.of("media.missing-public-candidate"), codes(r));
    Finding f = r.findings().get(0);
    assertEquals("client", f.evidence().asMap().get("side"));
    assertEquals(1L, f.evidence().asMap().get("sdpFrame"));
    assertTrue(f.remedy().contains("STUN"), f.remedy());
  }

  @Test
  void xccOffersOnlySrflxThenMissingPrivateCandidate() throws Exception {
    Report r = report(call(GOOD_CLIENT, sdp("FreeSWITCH", XCC_UFRAG, "p", XCC_SRFLX),
        (w, eth) -> answeredChecks(w, eth, "203.0.113.7", 50001)));
    assertEquals(List.of("media.missing-private-candidate"), codes(r));
    assertEquals("xcc", r.findings().get(0).evidence().asMap().get("side"));
    assertEquals(3L, r.findings().get(0).evidence().asMap().get("sdpFrame"));
  }

  @Test
  void sideWithoutSdpGetsNoMissingCandidateFinding() throws Exception {
    Report r = report(call(GOOD_CLIENT, null, (w, eth) -> { }));
    assertEquals(List.of(), codes(r));
    assertEquals(1, ((List<?>) r.data().asMap().get("candidates")).size());
  }

  @Test
  void checksFromAnUnofferedIpThenAddressMismatch() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> answeredChecks(w, eth, "198.51.100.99", 50001)));
    assertEquals(List.of("media.address-mismatch"), codes(r));
    Finding f = r.findings().get(0);
    assertTrue(f.message().contains("198.51.100.99:50001 -> 192.168.101.12:31000 (binding request)"), f.message());
    assertEquals(List.of(6L, 12L), f.evidence().asMap().get("frames"));
  }

  @Test
  void successSentFromAnIpTheXccDidNotOfferThenAddressMismatch() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      w.writePacket(eth, T + 2 * S, udp("203.0.113.7", 50001, "192.168.101.12", 31000,
          Stun.request(1, XCC_UFRAG + ":" + CLIENT_UFRAG)));
      w.writePacket(eth, T + 2 * S + 1000, udp("192.168.101.77", 31000, "203.0.113.7", 50001,
          Stun.success(1, "203.0.113.7", 50001)));
    }));
    assertEquals(List.of("media.address-mismatch"), codes(r));
    assertTrue(r.findings().get(0).message().contains("192.168.101.77:31000"), r.findings().get(0).message());
  }

  @Test
  void sameIpAnotherPortIsPeerReflexiveNotMismatch() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> answeredChecks(w, eth, "203.0.113.7", 62000)));
    assertEquals(List.of(), codes(r));
    Map<String, Object> b = bindings(r, 0);
    assertEquals(List.of("203.0.113.7:62000 -> 192.168.101.12:31000 (binding request)",
        "203.0.113.7:62000 -> 192.168.101.12:31000 (rtp)"), b.get("peerReflexive"));
    assertTrue(b.get("hint").toString().contains("port-changing NAT"));
  }

  @Test
  void requestsNoSdpNamesAreStillDiagnosedWhenIceUsernamePresent() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> w.writePacket(eth, T + 2 * S,
        udp("10.9.9.9", 4000, "10.9.9.8", 4001, Stun.request(7, "aaaa:bbbb")))));
    assertEquals(List.of("media.no-binding-success"), codes(r));
    assertEquals(0, r.findings().get(0).evidence().asMap().get("call"));
  }

  @Test
  void classicStunWithoutUsernameIsCountedNotDiagnosed() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> w.writePacket(eth, T + 2 * S,
        udp("192.168.101.12", 40000, "192.0.2.50", 3478, Stun.request(8, null)))));
    assertEquals(List.of(), codes(r));
    Map<String, Object> details = r.results().stream().filter(c -> c.id().value().equals("trace.bindings"))
        .findFirst().orElseThrow().details().asMap();
    assertEquals(1, details.get("classicStunRequests"));
    assertEquals(1, details.get("stunAnalysed"));
  }

  @Test
  void twoCallsSharingTheClientUfragAreToldApartByTheXccUfrag() throws Exception {
    Path f = dir.resolve("two.pcapng");
    String xcc2 = "ZZZZOSgeYbP7L5rF";
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 9);
      int lo = w.addInterface(LinkType.NULL, 9);
      long seqUp = 1;
      long seqDown = 1;
      String[] xccUfrags = {XCC_UFRAG, xcc2};
      for (int c = 0; c < 2; c++) {
        byte[] inv = Sip.invite("call-" + c, "sipsorcery_v6", GOOD_CLIENT);
        w.writePacket(lo, T + c * 100 * S, tcp(true, seqUp, inv));
        seqUp += inv.length;
        byte[] ok = Sip.response("call-" + c, 200, "OK", "INVITE", sdp("FreeSWITCH", xccUfrags[c], "p",
            XCC_HOST.replace("31000", Integer.toString(31000 + c)),
            XCC_SRFLX.replace("31000", Integer.toString(31000 + c))));
        w.writePacket(lo, T + c * 100 * S + S, tcp(false, seqDown, ok));
        seqDown += ok.length;
        // both calls' checks go to port 31000: only the USERNAME tells them apart
        w.writePacket(eth, T + c * 100 * S + 2 * S, udp("203.0.113.7", 50001, "192.168.101.12", 31000,
            Stun.request(10 + c, xccUfrags[c] + ":" + CLIENT_UFRAG)));
        if (c == 0) {
          w.writePacket(eth, T + 2 * S + 1000, udp("192.168.101.12", 31000, "203.0.113.7", 50001,
              Stun.success(10, "203.0.113.7", 50001)));
        }
      }
    }
    Report r = report(f);
    assertEquals(List.of("media.no-binding-success"), codes(r));
    assertEquals(2, r.findings().get(0).evidence().asMap().get("call"));
    assertEquals("ok", bindings(r, 0).get("verdict"));
    assertEquals(1, bindings(r, 1).get("requests"));
    assertEquals(0, bindings(r, 1).get("successes"));
  }

  @Test
  void requestsWithoutUsernameToAnXccCandidateAreMappedByAddress() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> w.writePacket(eth, T + 2 * S,
        udp("203.0.113.7", 50001, "192.168.101.12", 31000, Stun.request(3, null)))));
    assertEquals(List.of("media.no-binding-success"), codes(r));
    Map<String, Object> b = bindings(r, 0);
    assertEquals(1, b.get("call"));
    assertEquals("client-to-xcc", ((List<Details>) b.get("pairs")).get(0).asMap().get("direction"));
  }

  @Test
  void rtpFromAnUnofferedIpWithoutAnyBindingThenAddressMismatch() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> {
      for (int i = 0; i < 3; i++) {
        w.writePacket(eth, T + 3 * S + i * 20_000_000L, udp("198.51.100.99", 50001, "192.168.101.12", 31000,
            Sip.rtp(i)));
      }
    }));
    assertEquals(List.of("media.address-mismatch"), codes(r));
    assertEquals(List.of("198.51.100.99:50001 -> 192.168.101.12:31000 (rtp)"),
        r.findings().get(0).evidence().asMap().get("seen"));
  }

  @Test
  void rtpSentByTheXccFromAnUnofferedIpThenAddressMismatch() throws Exception {
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> w.writePacket(eth, T + 3 * S,
        udp("10.99.0.1", 31000, "203.0.113.7", 50001, Sip.rtp(1)))));
    assertEquals(List.of("media.address-mismatch"), codes(r));
    assertTrue(r.findings().get(0).message().contains("10.99.0.1:31000 -> 203.0.113.7:50001 (rtp from the XCC)"),
        r.findings().get(0).message());
  }

  @Test
  void malformedStunAttributesAreCountedNotFatal() throws Exception {
    byte[] bad = Stun.request(4, "abcd:efgh");
    bad[22] = 0x7f; // USERNAME length far beyond the message
    Report r = report(call(GOOD_CLIENT, GOOD_XCC, (w, eth) -> w.writePacket(eth, T + 2 * S,
        udp("203.0.113.7", 50001, "192.168.101.12", 31000, bad))));
    assertEquals(List.of(), codes(r));
    assertEquals(1, r.results().stream().filter(c -> c.id().value().equals("trace.bindings")).findFirst()
        .orElseThrow().details().asMap().get("undecodableStun"));
  }

  @Test
  void unknownOriginsOnTheLoopbackLegAreTakenByPositionAndPlainSdpGetsNoFinding() throws Exception {
    Report r = report(call(sdp("someStack", CLIENT_UFRAG, "p", CLIENT_HOST, CLIENT_SRFLX),
        sdp("otherStack", XCC_UFRAG, "p"), (w, eth) -> answeredChecks(w, eth, "203.0.113.7", 50001)));
    assertEquals(List.of(), codes(r), r.findings().toString());
    @SuppressWarnings("unchecked")
    List<Details> cands = (List<Details>) r.data().asMap().get("candidates");
    assertEquals(List.of("client", "xcc"), cands.stream().map(d -> d.asMap().get("side")).toList());
    assertEquals(List.of(), cands.get(1).asMap().get("candidates"));
    assertEquals("client-to-xcc", ((List<Details>) bindings(r, 0).get("pairs")).get(0).asMap().get("direction"));
  }

  @Test
  void iceLinkOfferWithoutAnyCandidateThenBothMissingFindings() throws Exception {
    Report r = report(call(sdp("IceLink", CLIENT_UFRAG, "p"), GOOD_XCC, (w, eth) -> { }));
    assertEquals(List.of("media.missing-private-candidate", "media.missing-public-candidate"), codes(r));
    assertTrue(r.findings().get(0).message().contains("offered: none"), r.findings().get(0).message());
  }
}
