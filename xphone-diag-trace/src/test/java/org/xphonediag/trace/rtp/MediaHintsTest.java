package org.xphonediag.trace.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xphonediag.sip.sdp.SdpParser;

class MediaHintsTest {
  private static final String SDP = "v=0\r\no=FreeSWITCH 1 2 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\n"
      + "t=0 0\r\na=sendonly\r\nm=audio 31000 RTP/SAVPF 111 0 101\r\na=rtpmap:111 opus/48000/2\r\n"
      + "a=rtpmap:101 telephone-event/8000\r\nm=audio 31002 RTP/AVP 8\r\nc=IN IP4 192.0.2.1\r\na=recvonly\r\n"
      + "m=audio 0 RTP/AVP 0\r\nm=video 31004 RTP/AVP 96\r\n";

  @Test
  void fromSdpTakesAddressPortDirectionAndRtpmapPerAudioSection() throws Exception {
    Instant answered = Instant.parse("2026-01-01T00:00:00Z");
    List<MediaHint> hints = MediaHints.fromSdp(3, SdpParser.defaults().parse(SDP, "test.sdp"), Optional.of(answered));
    assertEquals(2, hints.size());
    MediaHint first = hints.get(0);
    assertEquals("10.0.0.5:31000", first.endpoint().toString());
    assertEquals(MediaDirection.SENDONLY, first.direction(), "session-level direction");
    assertEquals(new RtpCodec("opus", 48000), first.codec(111).orElseThrow());
    assertEquals(new RtpCodec("PCMU", 8000), first.codec(0).orElseThrow(), "static type by RFC 3551");
    assertEquals(3, first.call());
    assertEquals(Optional.of(answered), first.answeredAt());
    MediaHint second = hints.get(1);
    assertEquals("192.0.2.1:31002", second.endpoint().toString());
    assertEquals(MediaDirection.RECVONLY, second.direction());
  }

  @Test
  void withCandidatesAddsUdpRtpCandidatesWithTheSectionsCodecsButNotRtcpTcpOrRaddr() throws Exception {
    String sdp = "v=0\r\no=IceLink 1 2 IN IP4 172.20.10.2\r\ns=-\r\nc=IN IP4 172.20.10.2\r\nt=0 0\r\n"
        + "m=audio 50000 RTP/SAVPF 96\r\na=rtpmap:96 opus/48000/2\r\n"
        + "a=candidate:1 1 udp 2130706431 172.20.10.2 50000 typ host\r\n"
        + "a=candidate:1 2 udp 2130706430 172.20.10.2 50001 typ host\r\n"
        + "a=candidate:2 1 udp 1694498815 203.0.113.7 41000 typ srflx raddr 172.20.10.2 rport 50000\r\n"
        + "a=candidate:3 1 tcp 1518280447 172.20.10.2 9 typ host tcptype active\r\n";
    List<MediaHint> hints = MediaHints.withCandidates(1, SdpParser.defaults().parse(sdp, "t.sdp"), Optional.empty());
    assertEquals(List.of("172.20.10.2:50000", "172.20.10.2:50000", "203.0.113.7:41000"),
        hints.stream().map(h -> h.endpoint().toString()).toList());
    assertEquals(new RtpCodec("opus", 48000), hints.get(2).codec(96).orElseThrow());
    assertEquals(1, MediaHints.fromSdp(1, SdpParser.defaults().parse(sdp, "t.sdp"), Optional.empty()).size());
  }
}
