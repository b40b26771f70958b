package org.xphonediag.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.Secret;

class SdpParserTest {

  static String fixture(String name) throws IOException {
    try (InputStream in = SdpParserTest.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parseWhenIceLinkOfferThenReadsOriginMediaAndCandidates() throws Exception {
    SessionDescription sdp = SdpParser.defaults().parse(fixture("client-icelink.sdp"), "client-icelink.sdp");
    assertEquals(new SdpOrigin("IceLink", "3775293749", "1", "IN", "IP4", "192.168.101.12"), sdp.origin());
    assertEquals(1, sdp.media().size());
    MediaDescription m = sdp.media().get(0);
    assertEquals("audio", m.media());
    assertEquals(50000, m.port());
    assertEquals("UDP/TLS/RTP/SAVPF", m.proto());
    assertEquals(List.of("111", "0", "8", "101"), m.formats());
    assertEquals("203.0.113.7", m.connection().orElseThrow().address());
    assertEquals("BUmkOSgeYbP7L5rF", sdp.iceUfrag().orElseThrow());
    assertEquals("actpass", sdp.setup().orElseThrow());
    assertTrue(sdp.fingerprint().orElseThrow().startsWith("sha-256 4A:AD"));
    assertTrue(m.rtcpMux());
    assertTrue(m.endOfCandidates());
    assertEquals("sendrecv", m.direction().orElseThrow());
    assertEquals(new RtpMap(111, "opus", 48000, OptionalInt.of(2)), m.rtpMaps().get(0));
    assertEquals(new RtpMap(101, "telephone-event", 8000, OptionalInt.empty()), m.rtpMaps().get(3));
    assertEquals(2, sdp.candidates().size());
    assertEquals(CandidateType.HOST, sdp.candidates().get(0).type());
    assertEquals(16, sdp.candidates().get(0).line());
    SdpCandidate srflx = sdp.candidates().get(1);
    assertEquals("192.168.101.12", srflx.relatedAddress().orElseThrow());
    assertTrue(sdp.problems().isEmpty());
  }

  @Test
  void parseWhenFreeSwitchAnswerWithLfAndTrailingSpacesThenReadsIt() throws Exception {
    SessionDescription sdp = SdpParser.defaults().parse(fixture("xcc-freeswitch.sdp"), "xcc.sdp");
    assertEquals("FreeSWITCH", sdp.origin().username());
    assertEquals("1674745458", sdp.origin().sessionVersion());
    assertEquals("198.51.100.20", sdp.connection().orElseThrow().address());
    assertEquals(List.of("111", "101"), sdp.media().get(0).formats());
    assertEquals(48000, sdp.media().get(0).rtpMaps().get(1).clockRate());
    assertEquals(List.of("172.20.10.2:31234", "198.51.100.20:31234"),
        sdp.candidates().stream().map(SdpCandidate::endpoint).toList());
    assertEquals("udp", sdp.candidates().get(0).transport());
  }

  @Test
  void parseNeverExposesIcePassword() throws Exception {
    SessionDescription sdp = SdpParser.defaults().parse(fixture("client-icelink.sdp"), "c.sdp");
    Secret pwd = sdp.icePwd().orElseThrow();
    assertEquals("q8Vd1qz0hL3mK7xYtR2pW9sN", new String(pwd.reveal()));
    assertEquals(Secret.MASK, pwd.toString());
    String all = sdp.toString() + sdp.media() + sdp.media().get(0).attributes() + sdp.attributes();
    assertFalse(all.contains("q8Vd1qz0"), all);
    assertTrue(sdp.media().get(0).attributes().stream()
        .anyMatch(a -> a.name().equals("ice-pwd") && a.value().orElseThrow().equals(Secret.MASK)));
  }

  @Test
  void parseWhenCandidateMalformedThenRecordsProblemAndReadsTheRest() throws Exception {
    SessionDescription sdp = SdpParser.defaults().parse(fixture("client-private-only.sdp"), "p.sdp");
    assertEquals(1, sdp.candidates().size());
    assertEquals(2, sdp.problems().size());
    SdpProblem first = sdp.problems().get(0);
    assertEquals(10, first.location().line().getAsInt());
    assertEquals("p.sdp", first.location().source());
    assertTrue(first.message().contains("sdp line 10 (a=candidate): component must be 1..256 but was 0"),
        first.message());
    assertEquals(11, sdp.problems().get(1).location().line().getAsInt());
    assertTrue(sdp.media().get(0).endOfCandidates(), "lines after the bad ones are read");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      v=1\\no=a 1 1 IN IP4 10.0.0.1 | 1 | expected 'v=0' as the first line
      o=a 1 1 IN IP4 10.0.0.1 | 1 | expected 'v=0' as the first line
      v=0\\no=a 1 1 IN IP4 | 2 | expected o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address> (6 fields) but found 5
      v=0\\no=a x 1 IN IP4 10.0.0.1 | 2 | sess-id to be 1 to 20 digits but was 'x'
      v=0\\ns=- | 2 | expected an o= line
      v=0\\no=a 1 1 IN IP4 10.0.0.1\\nc=IN IP4 | 3 | expected c=<nettype> <addrtype> <connection-address> (3 fields)
      v=0\\no=a 1 1 IN IP4 10.0.0.1\\nm=audio x RTP/AVP 0 | 3 | m= port to be a number 0..65535 but was 'x'
      v=0\\no=a 1 1 IN IP4 10.0.0.1\\nm=audio 5000 RTP/AVP | 3 | expected m=<media> <port>[/<count>] <proto> <fmt>
      v=0\\no=a 1 1 IN IP4 10.0.0.1\\nm=audio 5000 RTP/AVP 0\\na=rtpmap:0 PCMU | 4 | expected a=rtpmap:<payload type> <encoding>/<clock rate>
      v=0\\no=a 1 1 IN IP4 10.0.0.1\\nm=audio 5000 RTP/AVP 0\\na=rtpmap:200 X/8000 | 4 | rtpmap payload type to be a number 0..127
      v=0\\no=a 1 1 IN IP4 10.0.0.1\\nthis is not sdp | 3 | expected TYPE=VALUE
      v=0\\no=a 1 1 IN IP4 10.0.0.1\\no=b 1 1 IN IP4 10.0.0.1 | 3 | expected one o= line
      '' | 1 | expected 'v=0' but the input is empty
      """)
  void parseWhenMalformedThenNamesLineAndExpectation(String text, int line, String expected) throws Exception {
    String sdp = text.replace("\\n", "\r\n");
    SdpFormatException e = assertThrows(SdpFormatException.class, () -> SdpParser.defaults().parse(sdp, "t.sdp"));
    assertEquals(line, e.location().line().getAsInt(), e.getMessage());
    assertTrue(e.reason().contains(expected), e.reason());
    assertTrue(e.reason().startsWith("sdp line " + line + ": "), e.reason());
  }

  @Test
  void parseWhenTooManyLinesThenRejects() throws Exception {
    StringBuilder sb = new StringBuilder("v=0\no=a 1 1 IN IP4 10.0.0.1\n");
    for (int i = 0; i < 20; i++) {
      sb.append("a=x").append(i).append('\n');
    }
    SdpFormatException e = assertThrows(SdpFormatException.class,
        () -> SdpParser.withLimits(100, 10, 10_000).parse(sb.toString(), "t"));
    assertEquals(11, e.location().line().getAsInt());
    assertTrue(e.reason().contains("at most 10 lines"), e.reason());
  }

  @Test
  void parseWhenLineTooLongThenRejects() throws Exception {
    String text = "v=0\no=a 1 1 IN IP4 10.0.0.1\ns=" + "x".repeat(200) + "\n";
    SdpFormatException e = assertThrows(SdpFormatException.class,
        () -> SdpParser.withLimits(100, 10, 10_000).parse(text, "t"));
    assertEquals(3, e.location().line().getAsInt());
    assertTrue(e.reason().contains("at most 100 characters but it has 202"), e.reason());
  }

  @Test
  void parseStreamWhenOverByteCapThenRejects() throws Exception {
    byte[] big = ("v=0\no=a 1 1 IN IP4 10.0.0.1\n" + "a=x\n".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    SdpFormatException e = assertThrows(SdpFormatException.class,
        () -> SdpParser.withLimits(100, 1000, 64).parse(new ByteArrayInputStream(big), "big"));
    assertEquals(64, e.location().byteOffset().getAsLong());
  }

  @Test
  void parseWhenBlankLinesAndUnknownTypesThenTolerates() throws Exception {
    SessionDescription sdp = SdpParser.defaults().parse(
        "v=0\n\no=- 0 0 IN IP6 ::1\nx=whatever\nb=AS:64\nm=audio 9/2 RTP/AVP 0\n\n", "t");
    assertEquals("-", sdp.origin().username());
    assertEquals(2, sdp.media().get(0).portCount());
  }

  @Test
  void withLimitsWhenCapBelowOneThenThrows() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> SdpParser.withLimits(0, 1, 1));
  }
}
