package org.xphonediag.stun;

import java.time.Duration;
import java.util.Objects;

/**
 * When a STUN request over UDP is sent again (RFC 8489 §6.2.1): transmission {@code i} (from 0)
 * leaves {@code rto * (2^i - 1)} after the first, at most {@code maxTransmissions} (Rc) of them, and
 * the transaction gives up {@code lastWaitFactor * rto} (Rm) after the last one. A check's deadline
 * cuts the schedule short. Immutable.
 *
 * @param rto the initial retransmission timeout
 * @param maxTransmissions Rc, 1..64
 * @param lastWaitFactor Rm, 1..64
 */
public record RetransmissionPolicy(Duration rto, int maxTransmissions, int lastWaitFactor) {

  /** RFC 8489's defaults: RTO 500 ms, Rc 7, Rm 16 (gives up after 39.5 s unless the budget is shorter). */
  public static RetransmissionPolicy rfc8489() {
    return new RetransmissionPolicy(Duration.ofMillis(500), 7, 16);
  }

  /** The sweep's per-port default: RTO 200 ms, Rc 3, Rm 4 (0, 200, 600 ms; gives up at 1.4 s). */
  public static RetransmissionPolicy sweepDefault() {
    return new RetransmissionPolicy(Duration.ofMillis(200), 3, 4);
  }

  /** Validates the values. */
  public RetransmissionPolicy {
    Objects.requireNonNull(rto, "rto");
    if (rto.isNegative() || rto.isZero() || rto.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("rto must be > 0 and <= 1 min but was " + rto);
    }
    if (maxTransmissions < 1 || maxTransmissions > 64) {
      throw new IllegalArgumentException("maxTransmissions (Rc) must be 1..64 but was " + maxTransmissions);
    }
    if (lastWaitFactor < 1 || lastWaitFactor > 64) {
      throw new IllegalArgumentException("lastWaitFactor (Rm) must be 1..64 but was " + lastWaitFactor);
    }
  }

  /** Nanoseconds from the first transmission to transmission {@code i} (0-based). */
  public long offsetNanos(int i) {
    long factor = i >= 62 ? Long.MAX_VALUE : (1L << i) - 1;
    long rtoNanos = rto.toNanos();
    return factor > Long.MAX_VALUE / rtoNanos ? Long.MAX_VALUE : factor * rtoNanos;
  }

  /** Nanoseconds from the first transmission until the transaction gives up. */
  public long giveUpNanos() {
    long last = offsetNanos(maxTransmissions - 1);
    long wait = rto.toNanos() * lastWaitFactor;
    return last > Long.MAX_VALUE - wait ? Long.MAX_VALUE : last + wait;
  }
}
