package org.xphonediag.sip.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpFormatException;

/**
 * Coverage-guided fuzz target for ICE candidate lines (RFC 8839 §5.1, docs/field-guide.md#reading-a-trace): any text
 * (the input bytes as UTF-8) parses or fails with an {@link SdpFormatException} naming a column or line, within a CPU
 * budget; no other exception escapes.
 *
 * <p>Seeds: {@code CandidateParseFuzzTestInputs/} (host, srflx, relay and TCP candidates from the
 * SDP fixtures). {@code mvn -Pfuzz -pl xphone-diag-sip -am verify} fuzzes it.
 */
class CandidateParseFuzzTest {

  @FuzzTest
  @DictionaryEntries({"a=candidate:", " udp ", " tcp ", " typ ", "host", "srflx", "prflx", "relay", " raddr ", " rport ",
      " tcptype ", " generation ", " network-id ", ".local", "::ffff:"})
  void parseWhenAnyTextThenCandidateOrLocatedFormatException(byte[] bytes) {
    long start = FuzzBudget.start();
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      SdpCandidate c = SdpCandidate.parse(text);
      c.toString();
      c.addressClass();
      c.ipAddress();
      c.endpoint();
      c.extensions();
    } catch (SdpFormatException e) {
      assertTrue(e.location().column().isPresent() || e.location().line().isPresent(), e.getMessage());
    }
    FuzzBudget.check(start, bytes.length);
  }
}
