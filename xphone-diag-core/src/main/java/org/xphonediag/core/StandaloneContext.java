package org.xphonediag.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CheckContext} for running a check directly, outside a {@link DiagRunner}: in an
 * embedder's own code or in a test. It has a deadline (a budget from its clock's now, or a fixed
 * instant), can be cancelled from any thread, answers {@link #resultOf(CheckId)} from the results it was given, and
 * records the last progress the check reported. Thread-safe.
 *
 * <pre>{@code
 * StandaloneContext ctx = StandaloneContext.builder(CheckCatalog.STUN_CLASSIC)
 *     .budget(Duration.ofSeconds(5)).build();
 * CheckResult r = check.run(ctx);    // another thread may call ctx.cancel()
 * }</pre>
 */
public final class StandaloneContext implements CheckContext {
  private final CheckId id;
  private final Clock clock;
  private final Instant deadline;
  private final Map<CheckId, CheckResult> results;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicLong progressDone = new AtomicLong(-1);
  private final AtomicLong progressTotal = new AtomicLong(-1);
  private final AtomicLong progressCalls = new AtomicLong();

  private StandaloneContext(Builder b) {
    this.id = b.id;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.deadline = b.deadline != null ? b.deadline
        : clock.instant().plus(b.budget == null ? Duration.ofSeconds(30) : b.budget);
    this.results = Map.copyOf(b.results);
  }

  /** Starts a context for the check {@code id}; without a budget it has 30 s. */
  public static Builder builder(CheckId id) {
    return new Builder(id);
  }

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

  /** Cancels the check: {@link #isCancelled()} turns true; the check returns at its next step. */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * True once {@link #cancel()} was called. As in a {@link DiagRunner}, reaching the deadline does not
   * cancel by itself: a check stops its own work at {@link #deadline()} and returns its own result
   * (the runner interrupts it only after a grace period); call {@link #cancel()} to do what the
   * runner does then.
   */
  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public Optional<CheckResult> resultOf(CheckId other) {
    return Optional.ofNullable(results.get(Objects.requireNonNull(other, "id")));
  }

  @Override
  public void progress(long done, long total) {
    progressDone.set(done);
    progressTotal.set(total);
    progressCalls.incrementAndGet();
  }

  /** The {@code done} of the last progress report, or -1 when there was none. */
  public long progressDone() {
    return progressDone.get();
  }

  /** The {@code total} of the last progress report, or -1 when there was none. */
  public long progressTotal() {
    return progressTotal.get();
  }

  /** How many progress reports the check made. */
  public long progressCalls() {
    return progressCalls.get();
  }

  @Override
  public String toString() {
    return "StandaloneContext[" + id + ", deadline " + deadline + (cancelled.get() ? ", cancelled" : "") + "]";
  }

  /** Builds a {@link StandaloneContext}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private final CheckId id;
    private Clock clock;
    private Duration budget;
    private Instant deadline;
    private final Map<CheckId, CheckResult> results = new LinkedHashMap<>();

    private Builder(CheckId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** The time the check may take from {@link #build()} on (default 30 s); not with {@link #deadline(Instant)}. */
    public Builder budget(Duration budget) {
      Durations.requirePositive(budget, "budget");
      Options.requireUnset("budget", this.budget, "StandaloneContext");
      Options.requireNotBoth("budget", budget, "deadline", deadline, "StandaloneContext");
      this.budget = budget;
      return this;
    }

    /** A fixed deadline, e.g. one already in the past to test a budget that ran out; not with {@link #budget(Duration)}. */
    public Builder deadline(Instant deadline) {
      Objects.requireNonNull(deadline, "deadline");
      Options.requireUnset("deadline", this.deadline, "StandaloneContext");
      Options.requireNotBoth("deadline", deadline, "budget", budget, "StandaloneContext");
      this.deadline = deadline;
      return this;
    }

    /** The clock (default the system's UTC clock). */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      Options.requireUnset("clock", this.clock, "StandaloneContext");
      this.clock = clock;
      return this;
    }

    /** A result the check may ask for with {@link CheckContext#resultOf(CheckId)}, e.g. a prerequisite's. */
    public Builder result(CheckResult result) {
      Objects.requireNonNull(result, "result");
      if (results.putIfAbsent(result.id(), result) != null) {
        throw new IllegalStateException("StandaloneContext: a result for " + result.id() + " was already given");
      }
      return this;
    }

    public StandaloneContext build() {
      return new StandaloneContext(this);
    }
  }
}
