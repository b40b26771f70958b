package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/**
 * SIP verdicts of a dialog on a plain SIP leg (RFC 3261): the final status is the answer to the last
 * INVITE transaction that set the dialog up; a 488 is a candidate-ACL rejection only for a first
 * offer with ICE candidates; a re-INVITE's failure is a WARN; plain SDPs without ICE get no
 * missing-candidate findings; T.38 after a re-INVITE stays out of the audio stream.
 */
class SipVerdictTest {
  private static final long T = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final String CALLER = "192.0.2.10";
  private static final String CALLEE = "198.51.100.20";

  @TempDir
  Path dir;

  interface Body {
    void write(CaptureWriter w, int eth) throws Exception;
  }

  private Report report(Body body) throws Exception {
    Path f = dir.resolve("t.pcapng");
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      body.write(w, w.addInterface(LinkType.ETHERNET, 6));
    }
    return TraceAnalyzer.builder().build().report(f);
  }

  static String sdp(String origin, String ip, String media) {
    return "v=0\r\no=" + origin + " 1 2 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n" + media;
  }

  static String audio(int port) {
    return "m=audio " + port + " RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
  }

  static String image(int port) {
    return "m=image " + port + " udptl t38\r\na=T38FaxVersion:0\r\n";
  }

  static byte[] request(String method, long cseq, String callId, String body) {
    String b = body == null ? "" : body;
    return (method + " sip:200@" + CALLEE + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP " + CALLER + ":5060;branch=z9hG4bK-" + callId + cseq + "\r\n"
        + "From: <sip:100@" + CALLER + ">;tag=a\r\nTo: <sip:200@" + CALLEE + ">\r\nCall-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\nUser-Agent: Phone/1.0\r\nMax-Forwards: 70\r\n"
        + (b.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: "
        + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] response(int code, String reason, long cseq, String method, String callId, String server,
      String body) {
    String b = body == null ? "" : body;
    return ("SIP/2.0 " + code + " " + reason + "\r\nVia: SIP/2.0/UDP " + CALLER + ":5060;branch=z9hG4bK-" + callId
        + cseq + "\r\nFrom: <sip:100@" + CALLER + ">;tag=a\r\nTo: <sip:200@" + CALLEE + ">;tag=b\r\nCall-ID: " + callId
        + "\r\nCSeq: " + cseq + " " + method + "\r\nServer: " + server + "\r\n"
        + (b.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: "
        + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] up(byte[] sip) {
    return PacketBuilder.ethernet(PacketBuilder.udp(CALLER, 5060, CALLEE, 5060, sip));
  }

  static byte[] down(byte[] sip) {
    return PacketBuilder.ethernet(PacketBuilder.udp(CALLEE, 5060, CALLER, 5060, sip));
  }

  private static List<Finding> findings(Report r, String code) {
    return r.findings().stream().filter(f -> f.code().equals(code)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Details leg(Report r, int i) {
    return ((List<Details>) r.data().asMap().get("legs")).get(i);
  }

  @Test
  void inviteChallengedThenRefusedEndsWithTheRefusalOfTheRetry() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c1", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + MS, down(response(407, "Proxy Authentication Required", 1, "INVITE", "c1", "Provider",
          null)));
      w.writePacket(eth, T + 2 * MS, up(request("ACK", 1, "c1", null)));
      w.writePacket(eth, T + 3 * MS, up(request("INVITE", 2, "c1", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + 4 * MS, down(response(403, "Wrong password or domain", 2, "INVITE", "c1", "Provider",
          null)));
    });
    assertEquals(403, leg(r, 0).asMap().get("finalStatus"));
    assertEquals(5L, leg(r, 0).asMap().get("finalFrame"));
    List<Finding> forbidden = findings(r, "sip.forbidden");
    assertEquals(1, forbidden.size(), r.findings().toString());
    Finding f = forbidden.get(0);
    assertEquals(Status.FAIL, f.severity());
    assertEquals(4L, f.evidence().asMap().get("inviteFrame"), "the retry with credentials");
    assertEquals(5L, f.evidence().asMap().get("responseFrame"));
    assertTrue(f.remedy().contains("not the XCC") && f.remedy().contains("Provider"), f.remedy());
    assertFalse(f.remedy().contains("whitelist"), f.remedy());
  }

  @Test
  void inviteChallengedThenAnsweredIsAnsweredWithoutFinding() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c2", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + MS, down(response(401, "Unauthorized", 1, "INVITE", "c2", "Provider", null)));
      w.writePacket(eth, T + 2 * MS, up(request("INVITE", 2, "c2", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + 3 * MS, down(response(200, "OK", 2, "INVITE", "c2", "Provider",
          sdp("-", CALLEE, audio(40000)))));
    });
    assertEquals(200, leg(r, 0).asMap().get("finalStatus"));
    assertTrue(findings(r, "sip.forbidden").isEmpty() && findings(r, "sip.not-acceptable").isEmpty(),
        r.findings().toString());
  }

  @Test
  void refusalTheDialogWentPastIsNoVerdict() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c3", null)));
      w.writePacket(eth, T + MS, down(response(403, "Forbidden", 1, "INVITE", "c3", "Provider", null)));
      w.writePacket(eth, T + 2 * MS, up(request("INVITE", 2, "c3", null)));
      w.writePacket(eth, T + 3 * MS, down(response(200, "OK", 2, "INVITE", "c3", "Provider", null)));
    });
    assertEquals(200, leg(r, 0).asMap().get("finalStatus"));
    assertTrue(findings(r, "sip.forbidden").isEmpty(), r.findings().toString());
  }

  @Test
  void notAcceptableToAReInviteOfferingT38IsAWarningThatNamesTheFax() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c4", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + MS, down(response(200, "OK", 1, "INVITE", "c4", "Gateway", sdp("-", CALLEE,
          audio(40000)))));
      w.writePacket(eth, T + 2 * MS, up(request("ACK", 1, "c4", null)));
      w.writePacket(eth, T + 3 * MS, up(request("INVITE", 2, "c4", sdp("-", CALLER, image(30000)))));
      w.writePacket(eth, T + 4 * MS, down(response(488, "Not Acceptable Here", 2, "INVITE", "c4", "Gateway", null)));
    });
    assertEquals(200, leg(r, 0).asMap().get("finalStatus"), "the re-INVITE's failure leaves the call up");
    List<Finding> na = findings(r, "sip.not-acceptable");
    assertEquals(1, na.size(), r.findings().toString());
    Finding f = na.get(0);
    assertEquals(Status.WARN, f.severity());
    assertTrue(f.message().startsWith("re-INVITE (CSeq 2)") && f.message().contains("image 30000 udptl t38")
        && f.message().contains("T.38"), f.message());
    assertEquals(true, f.evidence().asMap().get("reInvite"));
    assertEquals(0, f.evidence().asMap().get("offeredCandidates"));
    assertFalse(f.remedy().equals(FindingCatalog.SIP_NOT_ACCEPTABLE.remedy()));
    assertTrue(f.remedy().contains("T.38") && f.remedy().contains("not an ACL problem"), f.remedy());
    assertEquals(Status.WARN, r.status());
  }

  @Test
  void notAcceptableToAnOfferWithoutCandidatesSaysWhatWasOfferedNotTheAcl() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c5", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + MS, down(response(488, "Not Acceptable Here", 1, "INVITE", "c5", "Gateway", null)));
    });
    Finding f = findings(r, "sip.not-acceptable").get(0);
    assertEquals(Status.FAIL, f.severity(), "the call failed");
    assertTrue(f.message().contains("offering audio 30000 RTP/AVP 0 8") && f.message().contains("no ICE candidate"),
        f.message());
    assertTrue(f.remedy().contains("not an ACL problem"), f.remedy());
  }

  @Test
  void notAcceptableToAnIceOfferKeepsTheCandidateAclVerdict() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c6", Sip.SDP)));
      w.writePacket(eth, T + MS, down(response(488, "Not Acceptable Here", 1, "INVITE", "c6",
          "XPhone Call Controller", null)));
    });
    Finding f = findings(r, "sip.not-acceptable").get(0);
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.message().contains("with 2 ICE candidate(s)") && f.message().contains("passed the XCC's ACL"),
        f.message());
    assertEquals(FindingCatalog.SIP_NOT_ACCEPTABLE.remedy(), f.remedy());
  }

  @Test
  void plainTrunkSdpsWithoutIceGetNoMissingCandidateFinding() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c7", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + MS, down(response(200, "OK", 1, "INVITE", "c7", "FreeSWITCH",
          sdp("FreeSWITCH", CALLEE, audio(40000)))));
    });
    assertTrue(findings(r, "media.missing-private-candidate").isEmpty()
        && findings(r, "media.missing-public-candidate").isEmpty(), r.findings().toString());
  }

  /** A UDPTL packet whose sequence number makes it look like RTP version 2 (first byte 0x80..0xbf). */
  static byte[] udptl(int seq) {
    return ByteBuffer.allocate(20).putShort((short) seq).put((byte) 3).put(new byte[] {0x00, 0x01, 0x02})
        .put(new byte[14]).array();
  }

  static byte[] rtp(int seq, long ts, long ssrc) {
    return ByteBuffer.allocate(172).put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt((int) ts)
        .putInt((int) ssrc).array();
  }

  @Test
  void t38AfterAReInviteIsKeptOutOfTheAudioStream() throws Exception {
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, up(request("INVITE", 1, "c8", sdp("-", CALLER, audio(30000)))));
      w.writePacket(eth, T + MS, down(response(200, "OK", 1, "INVITE", "c8", "Gateway",
          sdp("-", CALLEE, audio(40000)))));
      long t = T + 10 * MS;
      for (int i = 0; i < 300; i++) {
        if (i % 50 != 7) { // six packets lost
          w.writePacket(eth, t + i * 20 * MS, PacketBuilder.ethernet(PacketBuilder.udp(CALLER, 30000, CALLEE, 40000,
              rtp(1000 + i, 160L * i, 0xA0A0L))));
        }
        w.writePacket(eth, t + i * 20 * MS + 5 * MS, PacketBuilder.ethernet(PacketBuilder.udp(CALLEE, 40000, CALLER,
            30000, rtp(7000 + i, 160L * i, 0xB0B0L))));
      }
      t += 300 * 20 * MS;
      w.writePacket(eth, t, down(request("INVITE", 2, "c8", sdp("-", CALLEE, image(40000)))));
      w.writePacket(eth, t + MS, up(response(200, "OK", 2, "INVITE", "c8", "Phone", sdp("-", CALLER,
          image(30000)))));
      for (int i = 0; i < 300; i++) { // T.38 on the same ports, sequence numbers from 0x8010: RTP-looking bytes
        w.writePacket(eth, t + 10 * MS + i * 20 * MS, PacketBuilder.ethernet(PacketBuilder.udp(CALLER, 30000, CALLEE,
            40000, udptl(0x8010 + i))));
      }
    });
    @SuppressWarnings("unchecked")
    List<Details> streams = (List<Details>) r.data().asMap().get("streams");
    assertEquals(2, streams.size(), streams.toString());
    Details audio = streams.stream().filter(d -> d.asMap().get("ssrcHex").equals("0x0000a0a0")).findFirst()
        .orElseThrow();
    assertEquals(294L, audio.asMap().get("packets"));
    assertEquals(300L, audio.asMap().get("expected"));
    assertEquals(6L, audio.asMap().get("lost"));
    Details packets = (Details) r.data().asMap().get("packets");
    assertEquals(594L, packets.asMap().get("rtp"));
    assertEquals(300L, packets.asMap().get("udptl"));
    assertEquals(List.of("media.packet-loss"), r.findings().stream().map(Finding::code)
        .filter(c -> c.startsWith("media.")).toList(), r.findings().toString());
  }

  @Test
  void reInviteThatMovesTheAudioIsFollowedEvenWhenBothSidesShareTheHost() throws Exception {
    String host = "127.0.0.1";
    Report r = report((w, eth) -> {
      w.writePacket(eth, T, PacketBuilder.ethernet(PacketBuilder.udp(host, 5070, host, 5080,
          request("INVITE", 1, "c9", sdp("-", host, audio(30000))))));
      w.writePacket(eth, T + MS, PacketBuilder.ethernet(PacketBuilder.udp(host, 5080, host, 5070,
          response(200, "OK", 1, "INVITE", "c9", "Gateway", sdp("-", host, audio(40000))))));
      // both move: the callee's re-INVITE to port 41000, the caller's answer to 31000
      w.writePacket(eth, T + 2 * MS, PacketBuilder.ethernet(PacketBuilder.udp(host, 5080, host, 5070,
          request("INVITE", 2, "c9", sdp("-", host, audio(41000))))));
      w.writePacket(eth, T + 3 * MS, PacketBuilder.ethernet(PacketBuilder.udp(host, 5070, host, 5080,
          response(200, "OK", 2, "INVITE", "c9", "Phone", sdp("-", host, audio(31000))))));
      for (int i = 0; i < 100; i++) {
        w.writePacket(eth, T + 10 * MS + i * 20 * MS, PacketBuilder.ethernet(PacketBuilder.udp(host, 31000, host, 41000,
            rtp(i, 160L * i, 0xC0C0L))));
      }
    });
    @SuppressWarnings("unchecked")
    List<Details> streams = (List<Details>) r.data().asMap().get("streams");
    assertEquals(1, streams.size(), streams.toString());
    assertEquals(1, streams.get(0).asMap().get("call"), "tied to the call through the re-INVITE's SDPs");
    // on loopback addresses the leg is the XPhone loopback leg: its sides are the client and the XCC
    assertEquals("client-to-xcc", streams.get(0).asMap().get("direction"), "each SDP to the side that sent it");
    assertEquals("sdp", streams.get(0).asMap().get("identifiedBy"));
  }
}
