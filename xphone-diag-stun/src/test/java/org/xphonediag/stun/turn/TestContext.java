package org.xphonediag.stun.turn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;

/** A test context with a deadline and a cancel switch. */
final class TestContext implements CheckContext {
  final AtomicBoolean cancelled = new AtomicBoolean();
  private final Instant deadline;

  TestContext(Duration budget) {
    this.deadline = Clock.systemUTC().instant().plus(budget);
  }

  @Override
  public CheckId checkId() {
    return TurnCheck.ID;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public Optional<CheckResult> resultOf(CheckId id) {
    return Optional.empty();
  }

  @Override
  public void progress(long done, long total) {}
}
