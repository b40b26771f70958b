package org.xphonediag.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running check may ask of its runner: the time left, cancellation, the results of its
 * prerequisites, and a way to report progress. Implementations are thread-safe.
 */
public interface CheckContext {

  /** The id of the check this context belongs to. */
  CheckId checkId();

  /** The runner's clock. */
  Clock clock();

  /** The instant after which the check is stopped: its budget or the run deadline, earlier of both. */
  Instant deadline();

  /** Time left until {@link #deadline()}, never negative. Every blocking call waits at most this long. */
  default Duration remaining() {
    Duration d = Duration.between(clock().instant(), deadline());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** True once the run was cancelled or this check's budget ran out. */
  boolean isCancelled();

  /**
   * Throws {@link InterruptedException} when the run was cancelled, the budget ran out or the thread
   * was interrupted; call it between steps.
   */
  default void checkCancelled() throws InterruptedException {
    if (isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("check " + checkId() + " was cancelled");
    }
  }

  /** The result of a prerequisite (or any check that already finished in this run). */
  Optional<CheckResult> resultOf(CheckId id);

  /**
   * The typed outcome of a prerequisite (or any check that already finished in this run) when it is
   * a {@code type}: how a check reads what the checks it builds on found.
   */
  default <T> Optional<T> outcomeOf(CheckId id, Class<T> type) {
    return resultOf(id).flatMap(r -> r.outcome(type));
  }

  /** Reports progress ({@code done} of {@code total} units) to the run's listener. */
  void progress(long done, long total);

  /**
   * A context for running a check directly, outside a runner: the given budget from now on the
   * system clock, no prerequisites, no listener. See {@link StandaloneContext} for cancelling it,
   * another clock, prerequisite results and recorded progress.
   */
  static StandaloneContext standalone(CheckId id, Duration budget) {
    return StandaloneContext.builder(id).budget(budget).build();
  }
}
