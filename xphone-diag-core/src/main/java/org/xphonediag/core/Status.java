package org.xphonediag.core;

import java.util.Collection;
import java.util.Objects;

/**
 * The outcome of a check, a finding's severity, or a whole report, ordered from best to worst:
 * {@code PASS < SKIPPED < WARN < FAIL < ERROR}.
 *
 * <p>FAIL means the target is wrong (a finding says why); ERROR means the check itself could not
 * run properly (a bug, a budget overrun, a missing prerequisite of the tool). A group's status is
 * the worst of its members ({@link #worst(Status)}).
 */
public enum Status {
  /** The target passed the check. */
  PASS,
  /** The check did not run; the result says why (a prerequisite, cancellation, a deadline). */
  SKIPPED,
  /** Something is doubtful or inconclusive; the deployment may still work. */
  WARN,
  /** The target is wrong; a finding says what to change. */
  FAIL,
  /** The check could not run properly; the result keeps the cause. */
  ERROR;

  /** Returns the worse of this status and {@code other}. */
  public Status worst(Status other) {
    Objects.requireNonNull(other, "other");
    return other.ordinal() > ordinal() ? other : this;
  }

  /** Returns true when this status is strictly worse than {@code other}. */
  public boolean isWorseThan(Status other) {
    return ordinal() > Objects.requireNonNull(other, "other").ordinal();
  }

  /** Returns the worst of {@code statuses}, or {@link #PASS} when there are none. */
  public static Status worstOf(Collection<Status> statuses) {
    Status worst = PASS;
    for (Status s : statuses) {
      worst = worst.worst(s);
    }
    return worst;
  }
}
