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
  void fromSdpTakesAddressPortDirectionAndRtpmapPerAudioSection() {
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
}
