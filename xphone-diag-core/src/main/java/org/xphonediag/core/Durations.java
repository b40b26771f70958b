package org.xphonediag.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks for the budgets, deadlines and timeouts the builders take (STYLE.md: a finite,
 * positive deadline on every network step), so that each says the same thing the same way.
 */
public final class Durations {
  private Durations() {}

  /**
   * Returns {@code d} when it is positive.
   *
   * @throws NullPointerException naming {@code name} when {@code d} is null
   * @throws IllegalArgumentException {@code "NAME must be positive but was D"} otherwise
   */
  public static Duration requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + d);
    }
    return d;
  }
}
