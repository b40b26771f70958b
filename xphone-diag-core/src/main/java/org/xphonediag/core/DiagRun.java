package org.xphonediag.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link DiagRunner}: a handle to wait for its {@link Report} or to cancel it.
 * Thread-safe.
 */
public final class DiagRun {
  private static final Logger LOG = LoggerFactory.getLogger(DiagRun.class);

  private final DiagRunner runner;
  private final String command;
  private final Clock clock;
  private final Map<CheckId, Node> nodes = new LinkedHashMap<>();
  private final CompletableFuture<Report> done = new CompletableFuture<>();
  private final DiagListener listener;
  private Instant startedAt;
  private Instant deadlineAt;
  private ScheduledFuture<?> deadlineTimer;
  private int finished;
  private boolean cancelled;
  private String stopReason;
  private boolean listenerFailed;

  private static final class Node {
    final Check check;
    final List<Node> dependants = new ArrayList<>();
    int pendingPrerequisites;
    boolean started;
    Future<?> future;
    CheckResult result;
    volatile boolean stopped;

    Node(Check check) {
      this.check = check;
    }
  }

  DiagRun(DiagRunner runner, String command, Map<CheckId, Check> checks, DiagListener listener) {
    this.runner = runner;
    this.command = command;
    this.clock = runner.clock();
    this.listener = listener;
    checks.forEach((id, c) -> nodes.put(id, new Node(c)));
    for (Node n : nodes.values()) {
      n.pendingPrerequisites = n.check.prerequisites().size();
      for (CheckId p : n.check.prerequisites()) {
        nodes.get(p).dependants.add(n);
      }
    }
  }

  synchronized void begin() {
    startedAt = clock.instant();
    deadlineAt = startedAt.plus(runner.runDeadline());
    emit(l -> l.runStarted(command, nodes.size()));
    if (nodes.isEmpty()) {
      finishRun();
      return;
    }
    deadlineTimer = runner.timers().schedule(this::deadlineReached,
        runner.runDeadline().toNanos(), TimeUnit.NANOSECONDS);
    for (Node n : nodes.values()) {
      if (n.pendingPrerequisites == 0) {
        launch(n);
      }
    }
  }

  /**
   * Cancels the run: running checks are interrupted and, like those that never started, SKIPPED.
   * The report is complete when this returns. Does nothing when the run already ended.
   */
  public void cancel() {
    synchronized (this) {
      if (done.isDone()) {
        return;
      }
      cancelled = true;
      stopReason = "cancelled";
      for (Node n : nodes.values()) {
        if (n.result == null) {
          String why = n.started ? "cancelled while running" : "cancelled before it started";
          stop(n, CheckResult.skipped(n.check.id(), n.check.title(), why));
        }
      }
    }
  }

  /** True once the report is complete. */
  public boolean isDone() {
    return done.isDone();
  }

  /**
   * Waits at most {@code timeout} for the report.
   *
   * @throws TimeoutException when the run has not ended by then (it goes on)
   */
  public Report await(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("run failed", e.getCause());
    }
  }

  /** The report once the run ended. */
  public Optional<Report> report() {
    return Optional.ofNullable(done.getNow(null));
  }

  // ---- internals (all state guarded by this) ---------------------------------------------------

  private void launch(Node n) {
    try {
      n.future = runner.workers().submit(() -> execute(n));
    } catch (RejectedExecutionException e) {
      complete(n, CheckResult.skipped(n.check.id(), n.check.title(), "runner was closed before it started"));
    }
  }

  private void execute(Node n) {
    Duration budget;
    Instant started;
    Instant checkDeadline;
    ScheduledFuture<?> timer;
    synchronized (this) {
      if (n.result != null || done.isDone()) {
        return;
      }
      n.started = true;
      budget = n.check.budget().orElse(runner.defaultBudget());
      started = clock.instant();
      Instant byBudget = started.plus(budget);
      checkDeadline = byBudget.isBefore(deadlineAt) ? byBudget : deadlineAt;
      Duration wait = Duration.between(started, checkDeadline);
      String what = byBudget.isBefore(deadlineAt)
          ? "exceeded its budget of " + human(budget)
          : "stopped at the run deadline of " + human(runner.runDeadline());
      timer = runner.timers().schedule(() -> overrun(n, what, wait),
          Math.max(0, wait.toNanos()) + grace(wait), TimeUnit.NANOSECONDS);
      emit(l -> l.checkStarted(n.check.id(), n.check.title()));
    }
    CheckResult result;
    try {
      CheckResult r = n.check.run(new Context(n, checkDeadline));
      Duration elapsed = Duration.between(started, clock.instant());
      if (r == null) {
        result = CheckResult.error(n.check.id(), n.check.title(), "check returned no result", null, elapsed);
      } else if (!r.id().equals(n.check.id())) {
        result = CheckResult.error(n.check.id(), n.check.title(),
            "check returned a result for another id (" + r.id() + ")", null, elapsed);
      } else {
        result = r.toBuilder().elapsed(elapsed).build();
      }
    } catch (InterruptedException e) {
      result = CheckResult.error(n.check.id(), n.check.title(), "check was interrupted", e,
          Duration.between(started, clock.instant()));
    } catch (RuntimeException | Error e) {
      result = CheckResult.error(n.check.id(), n.check.title(), "check threw an exception", e,
          Duration.between(started, clock.instant()));
      if (e instanceof VirtualMachineError) {
        synchronized (this) {
          complete(n, result);
        }
        throw e;
      }
    } finally {
      timer.cancel(false);
    }
    synchronized (this) {
      complete(n, result);
    }
    Thread.interrupted(); // a pool thread must not carry an interrupt into the next check
  }

  /**
   * How long after its deadline a check is interrupted: 200 ms plus 5 % of its time, at most 2 s, so
   * that a check whose last network step ends exactly at the deadline still returns its own result.
   */
  static long grace(Duration allowed) {
    return Math.min(2_000_000_000L, 200_000_000L + Math.max(0, allowed.toNanos()) / 20);
  }

  private void overrun(Node n, String what, Duration allowed) {
    synchronized (this) {
      if (n.result == null) {
        stop(n, CheckResult.error(n.check.id(), n.check.title(), what, null, allowed));
      }
    }
  }

  /**
   * At the run deadline no check starts any more. A running check's own deadline is at the latest
   * the run deadline, so it is left to its own timer: it keeps the result it returns within the
   * grace period, and is stopped as ERROR naming the run deadline after it.
   */
  private void deadlineReached() {
    synchronized (this) {
      if (done.isDone()) {
        return;
      }
      stopReason = "run deadline of " + human(runner.runDeadline()) + " reached";
      for (Node n : nodes.values()) {
        if (n.result == null && !n.started) {
          stop(n, CheckResult.skipped(n.check.id(), n.check.title(), stopReason + " before it started"));
        }
      }
    }
  }

  /** Records {@code result} for a check that may still be running, and interrupts it. */
  private void stop(Node n, CheckResult result) {
    n.stopped = true;
    if (complete(n, result) && n.future != null) {
      n.future.cancel(true);
    }
  }

  /** Records the result once; later calls for the same check are ignored. */
  private boolean complete(Node n, CheckResult result) {
    if (n.result != null) {
      return false;
    }
    n.result = result;
    finished++;
    emit(l -> l.checkFinished(result));
    for (Node d : n.dependants) {
      d.pendingPrerequisites--;
      if (d.pendingPrerequisites == 0 && d.result == null) {
        schedule(d);
      }
    }
    if (finished == nodes.size()) {
      finishRun();
    }
    return true;
  }

  private void schedule(Node d) {
    if (stopReason != null) {
      complete(d, CheckResult.skipped(d.check.id(), d.check.title(), stopReason + " before it started"));
      return;
    }
    List<String> blocking = new ArrayList<>();
    for (CheckId p : d.check.prerequisites()) {
      Status s = nodes.get(p).result.status();
      if (s != Status.PASS && s != Status.WARN) {
        blocking.add(p + " ended " + s);
      }
    }
    if (blocking.isEmpty()) {
      launch(d);
    } else {
      blocking.sort(null);
      complete(d, CheckResult.skipped(d.check.id(), d.check.title(),
          "prerequisite " + String.join(", prerequisite ", blocking)));
    }
  }

  private void finishRun() {
    if (deadlineTimer != null) {
      deadlineTimer.cancel(false);
    }
    Report.Builder b = Report.builder(command).startedAt(startedAt)
        .elapsed(Duration.between(startedAt, clock.instant())).cancelled(cancelled);
    for (Node n : nodes.values()) {
      b.result(n.result);
    }
    if (stopReason != null && !cancelled) {
      b.note(stopReason);
    }
    Report report = b.build();
    emit(l -> l.runFinished(report));
    runner.ended(this);
    done.complete(report);
  }

  private void emit(java.util.function.Consumer<DiagListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      if (!listenerFailed) {
        listenerFailed = true;
        LOG.warn("listener {} threw; the run goes on and further exceptions of this listener are not logged",
            listener.getClass().getName(), e);
      }
    }
  }

  static String human(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    if (d.toMillis() % 1000 == 0 && d.toSeconds() < 120) {
      return d.toSeconds() + " s";
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + " min";
    }
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private final class Context implements CheckContext {
    private final Node node;
    private final Instant deadline;

    Context(Node node, Instant deadline) {
      this.node = node;
      this.deadline = deadline;
    }

    @Override
    public CheckId checkId() {
      return node.check.id();
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
      return node.stopped;
    }

    @Override
    public Optional<CheckResult> resultOf(CheckId id) {
      synchronized (DiagRun.this) {
        Node n = nodes.get(id);
        return n == null ? Optional.empty() : Optional.ofNullable(n.result);
      }
    }

    @Override
    public void progress(long done, long total) {
      synchronized (DiagRun.this) {
        if (node.result == null) {
          emit(l -> l.progress(node.check.id(), done, total));
        }
      }
    }
  }
}
