package org.xphonediag.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a set of {@link Check}s as a graph of prerequisites and collects a {@link Report}.
 *
 * <p>Independent checks run in parallel on a bounded pool of daemon threads the runner owns.
 * A check whose prerequisite ended FAIL, ERROR or SKIPPED is SKIPPED with a reason naming that
 * prerequisite. Each check has a budget (its own, or {@link Builder#defaultBudget(Duration)}); a
 * check that overruns it is interrupted and recorded as ERROR naming the budget. A check sees its
 * deadline in {@link CheckContext#deadline()}; the interrupt comes a short grace period later (200 ms
 * plus 5 % of the budget, at most 2 s), so a check that ends its own work at the deadline keeps its
 * own result. The run as a whole has a deadline ({@link Builder#runDeadline(Duration)}), which cuts
 * every check's budget: a check sees the earlier of its budget's end and the run deadline, and is
 * interrupted the same grace period after it; checks that have not started by the run deadline are
 * SKIPPED. {@link DiagRun#cancel()} ends a run at once with a partial report: running checks are
 * interrupted, and they and the checks that never started are SKIPPED. An exception thrown by a check becomes an ERROR result that keeps the cause.
 *
 * <p>Thread-safe; one runner can run many plans, one after another or at once. {@link #close()}
 * cancels what still runs and stops every thread the runner started; it is idempotent.
 *
 * <pre>{@code
 * try (DiagRunner runner = DiagRunner.builder().parallelism(4).build()) {
 *   Report report = runner.run("doctor", checks);
 * }
 * }</pre>
 */
public final class DiagRunner implements AutoCloseable {
  /** Default budget of one check: 30 s. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
  /** Default deadline of a whole run: 10 min. */
  public static final Duration DEFAULT_RUN_DEADLINE = Duration.ofMinutes(10);

  private static final AtomicInteger RUNNERS = new AtomicInteger();

  private final int parallelism;
  private final Duration defaultBudget;
  private final Duration runDeadline;
  private final Clock clock;
  private final DiagListener listener;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final Set<DiagRun> active = new HashSet<>();
  private boolean closed;

  private DiagRunner(Builder b) {
    this.parallelism = b.parallelism;
    this.defaultBudget = b.defaultBudget.compareTo(b.runDeadline) > 0 ? b.runDeadline : b.defaultBudget;
    this.runDeadline = b.runDeadline;
    this.clock = b.clock;
    this.listener = b.listener;
    int n = RUNNERS.incrementAndGet();
    this.workers = Executors.newFixedThreadPool(parallelism, daemonThreads("xphone-diag-" + n + "-check-"));
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemonThreads("xphone-diag-" + n + "-timer-"));
    t.setRemoveOnCancelPolicy(true);
    this.timers = t;
  }

  /** A builder with the defaults: parallelism 4, budget 30 s, run deadline 10 min, system UTC clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The runner's clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * Runs {@code checks} and waits for the report (at most the run deadline plus a grace period).
   *
   * @param command the command name written into the report
   * @throws IllegalArgumentException for duplicate ids, an unknown prerequisite or a cycle
   * @throws InterruptedException when the calling thread is interrupted; the run is cancelled
   */
  public Report run(String command, List<? extends Check> checks) throws InterruptedException {
    DiagRun run = start(command, checks, listener);
    try {
      return run.await(runDeadline.plusSeconds(5));
    } catch (TimeoutException e) {
      run.cancel();
      throw new IllegalStateException("run did not end within its deadline of " + runDeadline, e);
    } catch (InterruptedException e) {
      run.cancel();
      throw e;
    }
  }

  /** Starts {@code checks} and returns at once; see {@link #run(String, List)}. */
  public DiagRun start(String command, List<? extends Check> checks) {
    return start(command, checks, listener);
  }

  /** Starts {@code checks} with a listener for this run only (instead of the runner's). */
  public DiagRun start(String command, List<? extends Check> checks, DiagListener runListener) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(runListener, "runListener");
    Map<CheckId, Check> byId = validate(checks);
    DiagRun run;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("runner is closed");
      }
      run = new DiagRun(this, command, byId, runListener);
      active.add(run);
    }
    run.begin();
    return run;
  }

  // ---- used by DiagRun -------------------------------------------------------------------------

  Duration defaultBudget() {
    return defaultBudget;
  }

  Duration runDeadline() {
    return runDeadline;
  }

  ExecutorService workers() {
    return workers;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  synchronized void ended(DiagRun run) {
    active.remove(run);
  }

  /** Cancels runs still in progress and stops every thread this runner started. Idempotent. */
  @Override
  public void close() {
    List<DiagRun> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = new ArrayList<>(active);
    }
    running.forEach(DiagRun::cancel);
    workers.shutdownNow();
    timers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
      timers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<CheckId, Check> validate(List<? extends Check> checks) {
    Objects.requireNonNull(checks, "checks");
    Map<CheckId, Check> byId = new LinkedHashMap<>();
    for (Check c : checks) {
      Objects.requireNonNull(c, "checks must not contain null");
      if (byId.put(c.id(), c) != null) {
        throw new IllegalArgumentException("two checks have the id " + c.id());
      }
    }
    for (Check c : checks) {
      for (CheckId p : c.prerequisites()) {
        if (!byId.containsKey(p)) {
          throw new IllegalArgumentException(
              "check " + c.id() + " names prerequisite " + p + ", which is not in the plan");
        }
      }
    }
    // Depth-first search with colours; a grey node reached again closes a cycle.
    Map<CheckId, Integer> colour = new HashMap<>();
    for (CheckId start : byId.keySet()) {
      if (colour.getOrDefault(start, 0) != 0) {
        continue;
      }
      Deque<CheckId> path = new ArrayDeque<>();
      Deque<java.util.Iterator<CheckId>> iters = new ArrayDeque<>();
      path.push(start);
      iters.push(sorted(byId.get(start).prerequisites()).iterator());
      colour.put(start, 1);
      while (!path.isEmpty()) {
        java.util.Iterator<CheckId> it = iters.peek();
        if (it.hasNext()) {
          CheckId next = it.next();
          int c = colour.getOrDefault(next, 0);
          if (c == 1) {
            List<CheckId> cycle = new ArrayList<>();
            for (java.util.Iterator<CheckId> d = path.descendingIterator(); d.hasNext(); ) {
              cycle.add(d.next());
            }
            cycle = cycle.subList(cycle.indexOf(next), cycle.size());
            StringBuilder sb = new StringBuilder();
            for (CheckId id : cycle) {
              sb.append(id).append(" -> ");
            }
            sb.append(next);
            throw new IllegalArgumentException("prerequisites form a cycle: " + sb
                + " (each check needs the next one)");
          }
          if (c == 0) {
            colour.put(next, 1);
            path.push(next);
            iters.push(sorted(byId.get(next).prerequisites()).iterator());
          }
        } else {
          colour.put(path.pop(), 2);
          iters.pop();
        }
      }
    }
    return byId;
  }

  private static List<CheckId> sorted(Set<CheckId> ids) {
    List<CheckId> l = new ArrayList<>(ids);
    l.sort(null);
    return l;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Options for a {@link DiagRunner}; each set once, checked at once. */
  public static final class Builder {
    private int parallelism = 4;
    private Duration defaultBudget = DEFAULT_BUDGET;
    private Duration runDeadline = DEFAULT_RUN_DEADLINE;
    private Clock clock = Clock.systemUTC();
    private DiagListener listener = DiagListener.none();

    private Builder() {}

    /** How many checks may run at once (1..64). */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > 64) {
        throw new IllegalArgumentException("parallelism must be 1..64 but was " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * The budget of a check that does not declare its own; positive and finite. A budget longer than
     * the run deadline is cut to it, as every check's budget is.
     */
    public Builder defaultBudget(Duration budget) {
      this.defaultBudget = Durations.requirePositive(budget, "defaultBudget");
      return this;
    }

    /** The deadline of a whole run; positive and finite. */
    public Builder runDeadline(Duration deadline) {
      this.runDeadline = Durations.requirePositive(deadline, "runDeadline");
      return this;
    }

    /** The clock for timestamps and elapsed times (budgets are enforced in real time). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The listener for every run of this runner. */
    public Builder listener(DiagListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public DiagRunner build() {
      return new DiagRunner(this);
    }
  }
}
