package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void requirePositiveWhenPositiveThenSameValue() {
    Duration d = Duration.ofMillis(1);
    assertSame(d, Durations.requirePositive(d, "budget"));
  }

  @Test
  void requirePositiveWhenZeroNegativeOrNullThenNamesTheArgument() {
    assertEquals("budget must be positive but was PT0S",
        assertThrows(IllegalArgumentException.class, () -> Durations.requirePositive(Duration.ZERO, "budget"))
            .getMessage());
    assertEquals("runDeadline must be positive but was PT-1S",
        assertThrows(IllegalArgumentException.class,
            () -> Durations.requirePositive(Duration.ofSeconds(-1), "runDeadline")).getMessage());
    assertEquals("callTimeout",
        assertThrows(NullPointerException.class, () -> Durations.requirePositive(null, "callTimeout")).getMessage());
  }
}
