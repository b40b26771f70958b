package org.xphonediag.stun;

import java.time.Duration;
import org.xphonediag.core.CheckContext;

/**
 * How the checks split time: network steps end {@link #MARGIN} before the context's deadline so
 * that the result is built before a runner stops the check, and a check declares its network
 * budget plus {@link #GRACE} to the runner.
 */
final class Budgets {
  /** Kept free before the context's deadline. */
  static final Duration MARGIN = Duration.ofMillis(100);
  /** Added to a check's network budget in {@link org.xphonediag.core.Check#budget()}. */
  static final Duration GRACE = Duration.ofSeconds(1);

  private Budgets() {}

  /** The network time available: the budget, or the context's remaining time less the margin. */
  static Duration network(CheckContext context, Duration budget) {
    Duration left = context.remaining().minus(MARGIN);
    if (left.compareTo(Duration.ofMillis(1)) < 0) {
      left = Duration.ofMillis(1);
    }
    return left.compareTo(budget) < 0 ? left : budget;
  }
}
