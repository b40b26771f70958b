package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetransmissionPolicyTest {

  @Test
  void rfc8489ScheduleThenSendsAt0To31500msAndGivesUpAt39500ms() {
    RetransmissionPolicy p = RetransmissionPolicy.rfc8489();
    long[] expectedMs = {0, 500, 1500, 3500, 7500, 15500, 31500};
    for (int i = 0; i < expectedMs.length; i++) {
      assertEquals(expectedMs[i], p.offsetNanos(i) / 1_000_000);
    }
    assertEquals(39500, p.giveUpNanos() / 1_000_000);
  }

  @Test
  void constructWhenRcOutOfRangeThenMessageNamesRuleAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RetransmissionPolicy(Duration.ofMillis(500), 0, 16));
    assertEquals("maxTransmissions (Rc) must be 1..64 but was 0", e.getMessage());
  }

  @Test
  void rangesWhenConsecutivePortsThenCompressed() {
    assertEquals("30000-30002, 30007, 30009-30010", PortSweep.ranges(List.of(30000, 30001, 30002, 30007, 30009, 30010), 10));
    assertEquals("1, 3, ...", PortSweep.ranges(List.of(1, 3, 5), 2));
    assertEquals("", PortSweep.ranges(List.of(), 2));
  }
}
