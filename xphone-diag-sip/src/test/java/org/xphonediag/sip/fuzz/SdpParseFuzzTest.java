package org.xphonediag.sip.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.sip.SdpAnalyzer;
import org.xphonediag.sip.sdp.MediaDescription;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;

/**
 * Coverage-guided fuzz target for {@link SdpParser} (RFC 8866) and the {@link SdpAnalyzer} that
 * reads its result (docs/field-guide.md#reading-a-trace): any bytes parse or fail with an {@link SdpFormatException} that
 * names a line or byte offset, within a CPU budget; no other exception escapes.
 *
 * <p>Seeds: {@code SdpParseFuzzTestInputs/} (the three SDP fixtures). {@code mvn -Pfuzz -pl
 * xphone-diag-sip -am verify} fuzzes it.
 */
class SdpParseFuzzTest {

  @FuzzTest
  // libFuzzer dictionary syntax: CR, LF and quotes as \xNN escapes, or the dictionary file does not load
  @DictionaryEntries({"\\x0D\\x0Aa=candidate:", " typ host", " typ srflx raddr ", " rport ", "\\x0D\\x0Ac=IN IP4 ", "\\x0D\\x0Ac=IN IP6 ",
      "\\x0D\\x0Am=audio ", " RTP/SAVPF ", "\\x0D\\x0Aa=rtpmap:", "\\x0D\\x0Aa=ice-ufrag:", "\\x0D\\x0Aa=ice-pwd:", "\\x0D\\x0Ao=- 1 1 IN IP4 "})
  void parseWhenAnyBytesThenDescriptionOrLocatedFormatException(byte[] bytes) throws IOException {
    long start = FuzzBudget.start();
    try {
      SessionDescription sdp = SdpParser.defaults().parse(new ByteArrayInputStream(bytes), "fuzz.sdp");
      touch(sdp);
      SdpAnalyzer.defaults().analyze(sdp);
    } catch (SdpFormatException e) {
      assertTrue(e.location().line().isPresent() || e.location().byteOffset().isPresent(), e.getMessage());
    }
    FuzzBudget.check(start, bytes.length);
  }

  private static void touch(SessionDescription sdp) {
    sdp.toString();
    sdp.iceUfrag();
    sdp.problems().forEach(Object::toString);
    for (SdpCandidate c : sdp.candidates()) {
      c.addressClass();
      c.ipAddress();
      c.endpoint();
    }
    for (MediaDescription m : sdp.media()) {
      m.toString();
      m.rtpMaps().forEach(Object::toString);
    }
  }
}
