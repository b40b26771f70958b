package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputExceptionTest {
  @Test
  void messageWhenOneProblemThenLocationAndReason() {
    InputException e = new InputException(SourceLocation.of("offer.sdp", 7, 3),
        "a=candidate: component must be 1..256 but was 0");
    assertEquals("offer.sdp:7:3: a=candidate: component must be 1..256 but was 0", e.getMessage());
    assertEquals(SourceLocation.of("offer.sdp", 7, 3), e.location());
    assertEquals("a=candidate: component must be 1..256 but was 0", e.reason());
  }

  @Test
  void messageWhenSeveralProblemsThenOneLineEachInOrder() {
    InputException e = new InputException(List.of(
        new InputException.Problem(SourceLocation.of("site.jsonc", 2, 5), "unknown key 'iss'; did you mean 'iis'?"),
        new InputException.Problem(SourceLocation.atOffset("capture.pcap", 24), "snap length must be at most 262144")),
        null);
    assertEquals("site.jsonc:2:5: unknown key 'iss'; did you mean 'iis'?\n"
        + "capture.pcap (byte 24): snap length must be at most 262144", e.getMessage());
    assertEquals(2, e.problems().size());
  }

  @Test
  void constructorWhenNoProblemThenRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InputException(List.of(), null));
  }
}
