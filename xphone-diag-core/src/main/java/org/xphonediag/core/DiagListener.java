package org.xphonediag.core;

/**
 * Progress events of a {@link DiagRunner} run. Every method defaults to doing nothing.
 *
 * <p>Calls are serialised by the runner (never two at once for one run), so a listener needs no
 * locking of its own, but it should return quickly. {@link #checkFinished(CheckResult)} is called
 * exactly once for every check of the run; {@link #checkStarted(CheckId, String)} only for checks
 * that started, and each start is followed by exactly one finish, also on budget overrun and
 * cancellation. A listener that throws is logged once and otherwise ignored.
 */
public interface DiagListener {

  /** The run with {@code checkCount} checks has started. */
  default void runStarted(String command, int checkCount) {}

  /** A check started on a worker thread. */
  default void checkStarted(CheckId id, String title) {}

  /** A running check reported progress: {@code done} of {@code total} units. */
  default void progress(CheckId id, long done, long total) {}

  /** A check ended: ran, was skipped, overran its budget or was cancelled. */
  default void checkFinished(CheckResult result) {}

  /** The run ended; {@code report} is what {@link DiagRun#await} returns. */
  default void runFinished(Report report) {}

  /** A listener that ignores everything. */
  static DiagListener none() {
    return new DiagListener() {};
  }
}
