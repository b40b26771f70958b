package org.xphonediag.stun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;

/** A test context with a deadline, a cancel switch and recorded progress; also used by the turn tests. */
public final class Contexts implements CheckContext {
  public final AtomicBoolean cancelled = new AtomicBoolean();
  final AtomicLong lastDone = new AtomicLong(-1);
  final AtomicLong lastTotal = new AtomicLong(-1);
  final AtomicLong progressCalls = new AtomicLong();
  private final Instant deadline;
  private final Runnable onProgress;

  Contexts(Duration budget, Runnable onProgress) {
    this.deadline = Clock.systemUTC().instant().plus(budget);
    this.onProgress = onProgress;
  }

  public static Contexts of(Duration budget) {
    return new Contexts(budget, () -> {});
  }

  @Override
  public CheckId checkId() {
    return CheckId.of("test.stun");
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
  public void progress(long done, long total) {
    lastDone.set(done);
    lastTotal.set(total);
    progressCalls.incrementAndGet();
    onProgress.run();
  }
}
