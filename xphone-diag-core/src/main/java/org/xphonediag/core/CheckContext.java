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

  /** Reports progress ({@code done} of {@code total} units) to the run's listener. */
  void progress(long done, long total);

  /**
   * A context for running a check directly, outside a runner: the given budget from now, no
   * prerequisites, no listener.
   */
  static CheckContext standalone(CheckId id, Duration budget) {
    Clock clock = Clock.systemUTC();
    Instant deadline = clock.instant().plus(budget);
    return new CheckContext() {
      @Override
      public CheckId checkId() {
        return id;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public Instant deadline() {
        return deadline;
      }

      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public Optional<CheckResult> resultOf(CheckId other) {
        return Optional.empty();
      }

      @Override
      public void progress(long done, long total) {}
    };
  }
}
