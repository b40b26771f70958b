package org.xphonediag.core;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One diagnostic step: an id, a title, the checks it builds on, and {@link #run(CheckContext)}.
 *
 * <p>A check returns a result; it does not throw for a broken target (target trouble is a FAIL
 * with a finding). An exception that escapes is a bug: {@link DiagRunner} turns it into an ERROR
 * result and keeps the cause. A check honours {@link CheckContext#remaining()} for every blocking
 * step and returns promptly when interrupted.
 *
 * <pre>{@code
 * Check ping = Check.of(CheckId.of("demo.ping"), "Ping", ctx ->
 *     CheckResult.builder(CheckId.of("demo.ping")).summary("pong").build());
 * }</pre>
 */
public interface Check {

  /** The stable id, also used by dependants in {@link #prerequisites()}. */
  CheckId id();

  /** A short title for people. */
  String title();

  /** Checks that must PASS or WARN before this one runs; otherwise this one is SKIPPED. */
  default Set<CheckId> prerequisites() {
    return Set.of();
  }

  /** This check's own budget; empty to use the runner's default. */
  default Optional<Duration> budget() {
    return Optional.empty();
  }

  /**
   * Runs the check.
   *
   * @throws InterruptedException when interrupted by cancellation or a budget overrun
   */
  CheckResult run(CheckContext context) throws InterruptedException;

  /** The body of a check, for {@link #of(CheckId, String, Body)}. */
  @FunctionalInterface
  interface Body {
    CheckResult run(CheckContext context) throws InterruptedException;
  }

  /** A check from a lambda, without prerequisites. */
  static Check of(CheckId id, String title, Body body) {
    return of(id, title, Set.of(), body);
  }

  /** A check from a lambda. */
  static Check of(CheckId id, String title, Set<CheckId> prerequisites, Body body) {
    java.util.Objects.requireNonNull(id, "id");
    java.util.Objects.requireNonNull(title, "title");
    Set<CheckId> prereqs = Set.copyOf(prerequisites);
    java.util.Objects.requireNonNull(body, "body");
    return new Check() {
      @Override
      public CheckId id() {
        return id;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public Set<CheckId> prerequisites() {
        return prereqs;
      }

      @Override
      public CheckResult run(CheckContext context) throws InterruptedException {
        return body.run(context);
      }

      @Override
      public String toString() {
        return "Check[" + id + "]";
      }
    };
  }
}
