package org.xphonediag.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates the fixtures at random (seeded, so failures repeat) and checks that the parser either
 * reads the result or rejects it with an {@link SdpFormatException} carrying a line, never with
 * another exception.
 */
class SdpParserRobustnessTest {
  private static final String ALPHABET = "v=oacm: \r\n0123456789./-+typhostsrflxraddrportIN IP4 candidate\t\u00e9\u0000";

  @Test
  void parseWhenInputMutatedThenOnlyLocatedFormatErrors() throws IOException {
    String[] seeds = {SdpParserTest.fixture("client-icelink.sdp"), SdpParserTest.fixture("xcc-freeswitch.sdp"),
        SdpParserTest.fixture("client-private-only.sdp")};
    Random random = new Random(20261126L);
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder(seeds[i % seeds.length]);
      int edits = 1 + random.nextInt(8);
      for (int e = 0; e < edits && sb.length() > 0; e++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          default -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      String text = sb.toString();
      try {
        SessionDescription sdp = SdpParser.defaults().parse(text, "fuzz");
        sdp.candidates().forEach(c -> c.addressClass());
        parsed++;
      } catch (SdpFormatException ex) {
        assertTrue(ex.location().line().isPresent() || ex.location().byteOffset().isPresent(), ex.getMessage());
        rejected++;
      } catch (RuntimeException ex) {
        fail("input #" + i + " threw " + ex + " for:\n" + text, ex);
      }
    }
    assertTrue(parsed > 1000 && rejected > 1000, "parsed " + parsed + ", rejected " + rejected);
  }

  @Test
  void parseCandidateWhenRandomTokensThenOnlyLocatedFormatErrors() {
    String[] tokens = {"a=candidate:1", "1", "0", "257", "udp", "TCP", "2130706431", "4294967295", "10.0.0.1",
        "::1", "x.local", "-", "typ", "host", "srflx", "raddr", "rport", "65536", "generation", "tcptype", "so",
        "", "  ", "fe80::1%1", "1.2.3", "ab+/"};
    Random random = new Random(7L);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(14);
      for (int k = 0; k < n; k++) {
        sb.append(tokens[random.nextInt(tokens.length)]).append(' ');
      }
      try {
        SdpCandidate.parse(sb.toString());
      } catch (SdpFormatException ex) {
        assertTrue(ex.location().column().isPresent() || ex.location().line().isPresent(), ex.getMessage());
      } catch (RuntimeException ex) {
        fail("'" + sb + "' threw " + ex, ex);
      }
    }
  }
}
