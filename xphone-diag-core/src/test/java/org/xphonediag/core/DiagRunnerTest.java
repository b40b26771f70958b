package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiagRunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<DiagRunner> runners = new ArrayList<>();

  @AfterEach
  void closeRunners() {
    runners.forEach(DiagRunner::close);
  }

  private DiagRunner runner(DiagRunner.Builder b) {
    DiagRunner r = b.build();
    runners.add(r);
    return r;
  }

  private static CheckId id(String s) {
    return CheckId.of(s);
  }

  private static Check passing(String id, String... prereqs) {
    Set<CheckId> p = new java.util.HashSet<>();
    for (String s : prereqs) {
      p.add(CheckId.of(s));
    }
    return Check.of(id(id), "check " + id, p, ctx -> CheckResult.builder(id(id)).summary("ok").build());
  }

  private static Check failing(String id) {
    return Check.of(id(id), "check " + id, ctx -> CheckResult.builder(id(id))
        .finding(FindingCatalog.WEBAPI_UNREACHABLE.finding("no answer from 203.0.113.5:443").build()).build());
  }

  /** A check that blocks until interrupted, then rethrows the interrupt. */
  private static Check blocking(String id, CountDownLatch started, Optional<Duration> budget) {
    return new Check() {
      @Override
      public CheckId id() {
        return CheckId.of(id);
      }

      @Override
      public String title() {
        return "blocks " + id;
      }

      @Override
      public Optional<Duration> budget() {
        return budget;
      }

      @Override
      public CheckResult run(CheckContext context) throws InterruptedException {
        started.countDown();
        new CountDownLatch(1).await();
        throw new AssertionError("unreachable");
      }
    };
  }

  @Test
  void runWhenPrerequisiteFailsThenDependantSkippedNamingPrerequisite() throws Exception {
    DiagRunner r = runner(DiagRunner.builder());
    Report report = r.run("test", List.of(failing("a.first"), passing("b.second", "a.first"),
        passing("c.third", "b.second")));
    assertEquals(Status.FAIL, report.result(id("a.first")).orElseThrow().status());
    CheckResult second = report.result(id("b.second")).orElseThrow();
    assertEquals(Status.SKIPPED, second.status());
    assertEquals("prerequisite a.first ended FAIL", second.summary());
    CheckResult third = report.result(id("c.third")).orElseThrow();
    assertEquals(Status.SKIPPED, third.status());
    assertEquals("prerequisite b.second ended SKIPPED", third.summary());
    assertEquals(Status.FAIL, report.status());
  }

  @Test
  void runWhenPrerequisiteWarnsThenDependantRuns() throws Exception {
    Check warn = Check.of(id("a.warn"), "warns", ctx -> CheckResult.builder(id("a.warn"))
        .finding(FindingCatalog.ACL_TOO_MANY_RULES.finding("1200 nodes in list xcc").build()).build());
    Report report = runner(DiagRunner.builder()).run("test", List.of(warn, passing("b.next", "a.warn")));
    assertEquals(Status.PASS, report.result(id("b.next")).orElseThrow().status());
    assertEquals(Status.WARN, report.status());
  }

  @Test
  void startWhenPrerequisitesFormCycleThenRejectedNamingChecks() {
    DiagRunner r = runner(DiagRunner.builder());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.start("test",
        List.of(passing("a", "c"), passing("b", "a"), passing("c", "b"), passing("d"))));
    assertEquals("prerequisites form a cycle: a -> c -> b -> a (each check needs the next one)", e.getMessage());
  }

  @Test
  void startWhenCheckNeedsItselfThenRejected() {
    DiagRunner r = runner(DiagRunner.builder());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.start("test", List.of(passing("self", "self"))));
    assertEquals("prerequisites form a cycle: self -> self (each check needs the next one)", e.getMessage());
  }

  @Test
  void startWhenPrerequisiteUnknownThenRejectedNamingBoth() {
    DiagRunner r = runner(DiagRunner.builder());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.start("test", List.of(passing("a", "missing.one"))));
    assertEquals("check a names prerequisite missing.one, which is not in the plan", e.getMessage());
  }

  @Test
  void startWhenIdsRepeatThenRejected() {
    DiagRunner r = runner(DiagRunner.builder());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.start("test", List.of(passing("a"), passing("a"))));
    assertEquals("two checks have the id a", e.getMessage());
  }

  @Test
  void runWhenChecksIndependentThenTheyOverlap() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    List<Check> checks = new ArrayList<>();
    for (String name : List.of("p.one", "p.two")) {
      checks.add(Check.of(id(name), name, ctx -> {
        bothRunning.countDown();
        // Only returns true when the other check is running at the same time.
        boolean overlapped = bothRunning.await(5, TimeUnit.SECONDS);
        return CheckResult.builder(id(name)).detail("overlapped", overlapped).build();
      }));
    }
    Report report = runner(DiagRunner.builder().parallelism(2)).run("test", checks);
    for (CheckResult r : report.results()) {
      assertEquals(true, r.details().asMap().get("overlapped"), r.toString());
    }
  }

  @Test
  void runWhenParallelismOneThenChecksNeverOverlap() throws Exception {
    AtomicLong running = new AtomicLong();
    AtomicLong maxRunning = new AtomicLong();
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "s.c" + i;
      checks.add(Check.of(id(name), name, ctx -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        running.decrementAndGet();
        return CheckResult.builder(id(name)).build();
      }));
    }
    runner(DiagRunner.builder().parallelism(1)).run("test", checks);
    assertEquals(1, maxRunning.get());
  }

  @Test
  void runWhenCheckOverrunsBudgetThenErrorNamingBudgetAndThreadInterrupted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Report report = runner(DiagRunner.builder()).run("test",
        List.of(blocking("slow.one", started, Optional.of(Duration.ofMillis(200))), passing("after", "slow.one")));
    CheckResult slow = report.result(id("slow.one")).orElseThrow();
    assertEquals(Status.ERROR, slow.status());
    assertEquals("exceeded its budget of 200 ms", slow.summary());
    assertEquals("prerequisite slow.one ended ERROR", report.result(id("after")).orElseThrow().summary());
  }

  @Test
  void runWhenCheckThrowsThenErrorKeepsCause() throws Exception {
    IllegalStateException boom = new IllegalStateException("parser state broken");
    Check bad = Check.of(id("bad"), "throws", ctx -> {
      throw boom;
    });
    Report report = runner(DiagRunner.builder()).run("test", List.of(bad, passing("other")));
    CheckResult r = report.result(id("bad")).orElseThrow();
    assertEquals(Status.ERROR, r.status());
    assertEquals(boom, r.cause().orElseThrow());
    assertEquals("check threw an exception: IllegalStateException (parser state broken)", r.summary());
    assertEquals(Status.PASS, report.result(id("other")).orElseThrow().status());
  }

  @Test
  void runWhenCheckReturnsNullThenError() throws Exception {
    Check bad = Check.of(id("null.result"), "null", ctx -> null);
    Report report = runner(DiagRunner.builder()).run("test", List.of(bad));
    assertEquals("check returned no result", report.results().get(0).summary());
    assertEquals(Status.ERROR, report.status());
  }

  @Test
  void cancelWhenRunningThenPartialReportWithSkipped() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    DiagRunner r = runner(DiagRunner.builder().parallelism(1));
    DiagRun run = r.start("test", List.of(passing("done.first"),
        blocking("running", started, Optional.empty()), passing("never.a", "running"), passing("never.b")));
    assertTrue(started.await(5, TimeUnit.SECONDS));
    run.cancel();
    Report report = run.await(WAIT);
    assertTrue(report.cancelled());
    assertEquals(Status.PASS, report.result(id("done.first")).orElseThrow().status());
    assertEquals("cancelled while running", report.result(id("running")).orElseThrow().summary());
    for (String never : List.of("never.a", "never.b")) {
      CheckResult c = report.result(id(never)).orElseThrow();
      assertEquals(Status.SKIPPED, c.status());
      assertEquals("cancelled before it started", c.summary());
    }
    assertEquals(4, report.results().size());
  }

  @Test
  void runWhenRunDeadlineReachedThenRunningErrorAndRestSkipped() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    DiagRunner r = runner(DiagRunner.builder().parallelism(1).runDeadline(Duration.ofMillis(300))
        .defaultBudget(Duration.ofMillis(300)));
    Report report = r.run("test", List.of(blocking("stuck", started, Optional.of(Duration.ofMinutes(1))),
        passing("later")));
    assertEquals(Status.ERROR, report.result(id("stuck")).orElseThrow().status());
    assertEquals("stopped at the run deadline of 300 ms", report.result(id("stuck")).orElseThrow().summary());
    assertEquals(Status.SKIPPED, report.result(id("later")).orElseThrow().status());
    assertTrue(report.notes().contains("run deadline of 300 ms reached"), report.notes().toString());
  }

  @Test
  void listenerWhenTimeoutAndCancellationThenEveryStartHasExactlyOneFinish() throws Exception {
    Map<CheckId, Integer> starts = Collections.synchronizedMap(new HashMap<>());
    Map<CheckId, Integer> finishes = Collections.synchronizedMap(new HashMap<>());
    CountDownLatch runFinished = new CountDownLatch(1);
    DiagListener l = new DiagListener() {
      @Override
      public void checkStarted(CheckId id, String title) {
        starts.merge(id, 1, Integer::sum);
      }

      @Override
      public void checkFinished(CheckResult result) {
        finishes.merge(result.id(), 1, Integer::sum);
      }

      @Override
      public void runFinished(Report report) {
        runFinished.countDown();
      }
    };
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch hangStarted = new CountDownLatch(1);
    DiagRunner r = runner(DiagRunner.builder().parallelism(2).listener(l));
    DiagRun run = r.start("test", List.of(
        blocking("times.out", slowStarted, Optional.of(Duration.ofMillis(100))),
        blocking("hangs", hangStarted, Optional.empty()),
        passing("waits", "hangs")));
    assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
    assertTrue(hangStarted.await(5, TimeUnit.SECONDS));
    // wait until the budget overrun was recorded, then cancel the rest
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!finishes.containsKey(id("times.out")) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    run.cancel();
    Report report = run.await(WAIT);
    assertTrue(runFinished.await(5, TimeUnit.SECONDS));
    assertEquals(Map.of(id("times.out"), 1, id("hangs"), 1), starts);
    assertEquals(Map.of(id("times.out"), 1, id("hangs"), 1, id("waits"), 1), finishes);
    assertEquals(Status.ERROR, report.result(id("times.out")).orElseThrow().status());
  }

  @Test
  void listenerWhenItThrowsThenRunUndisturbed() throws Exception {
    DiagListener throwing = new DiagListener() {
      @Override
      public void checkStarted(CheckId id, String title) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void checkFinished(CheckResult result) {
        throw new IllegalStateException("listener bug");
      }
    };
    Report report = runner(DiagRunner.builder().listener(throwing)).run("test",
        List.of(passing("a"), passing("b", "a")));
    assertEquals(Status.PASS, report.status());
    assertEquals(2, report.results().size());
  }

  @Test
  void runWhenClockInjectedThenElapsedComesFromIt() throws Exception {
    Instant t0 = Instant.parse("2026-01-26T15:04:17Z");
    TickingClock clock = new TickingClock(t0, Duration.ofMillis(250));
    Report report = runner(DiagRunner.builder().clock(clock).parallelism(1)).run("test", List.of(passing("a")));
    assertEquals(t0, report.startedAt());
    assertEquals(Duration.ofMillis(250), report.results().get(0).elapsed());
  }

  @Test
  void progressWhenReportedThenListenerSeesIt() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    DiagListener l = new DiagListener() {
      @Override
      public void progress(CheckId id, long done, long total) {
        events.add(id + " " + done + "/" + total);
      }
    };
    Check sweep = Check.of(id("sweep"), "sweep", ctx -> {
      for (int i = 1; i <= 3; i++) {
        ctx.progress(i, 3);
      }
      return CheckResult.builder(id("sweep")).build();
    });
    runner(DiagRunner.builder().listener(l)).run("test", List.of(sweep));
    assertEquals(List.of("sweep 1/3", "sweep 2/3", "sweep 3/3"), events);
  }

  @Test
  void resultOfWhenPrerequisiteDoneThenVisible() throws Exception {
    Check first = Check.of(id("first"), "first", ctx -> CheckResult.builder(id("first")).detail("token", 42).build());
    Check second = Check.of(id("second"), "second", Set.of(id("first")), ctx -> CheckResult.builder(id("second"))
        .detail("seen", ctx.resultOf(id("first")).orElseThrow().details().asMap().get("token")).build());
    Report report = runner(DiagRunner.builder()).run("test", List.of(first, second));
    assertEquals(42, report.result(id("second")).orElseThrow().details().asMap().get("seen"));
  }

  @Test
  void closeWhenDoneThenNoRunnerThreadRemains() throws Exception {
    DiagRunner r = DiagRunner.builder().parallelism(3).build();
    CountDownLatch started = new CountDownLatch(1);
    DiagRun run = r.start("test", List.of(blocking("hang", started, Optional.empty()), passing("x")));
    assertTrue(started.await(5, TimeUnit.SECONDS));
    r.close();
    r.close(); // idempotent
    assertTrue(run.isDone());
    assertTrue(run.report().orElseThrow().cancelled());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (liveRunnerThreads() > 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertEquals(0, liveRunnerThreads());
    assertThrows(IllegalStateException.class, () -> r.start("test", List.of(passing("y"))));
  }

  @Test
  void builderWhenOptionsOutOfRangeThenRejected() {
    assertThrows(IllegalArgumentException.class, () -> DiagRunner.builder().parallelism(0));
    assertThrows(IllegalArgumentException.class, () -> DiagRunner.builder().defaultBudget(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> DiagRunner.builder().runDeadline(Duration.ofSeconds(-1)));
  }

  @Test
  void runWhenDefaultBudgetExceedsRunDeadlineThenChecksGetTheRunDeadline() throws Exception {
    List<Duration> seen = Collections.synchronizedList(new ArrayList<>());
    Check probe = Check.of(id("probe"), "sees its deadline", ctx -> {
      seen.add(ctx.remaining());
      return CheckResult.builder(id("probe")).summary("ok").build();
    });
    Report report = runner(DiagRunner.builder().defaultBudget(Duration.ofMinutes(5)).runDeadline(Duration.ofSeconds(2)))
        .run("test", List.of(probe));
    assertEquals(Status.PASS, report.status());
    assertTrue(seen.get(0).compareTo(Duration.ofSeconds(2)) <= 0 && seen.get(0).compareTo(Duration.ofSeconds(1)) > 0,
        seen.toString());
  }

  @Test
  void runWhenBudgetExceedsRunDeadlineAndCheckStopsAtItsDeadlineThenItsOwnResultIsKept() throws Exception {
    Check waits = Check.of(id("waits"), "waits for an answer until its deadline", ctx -> {
      TimeUnit.NANOSECONDS.sleep(ctx.remaining().toNanos()); // a network wait that ends at the deadline
      return CheckResult.builder(id("waits"))
          .finding(FindingCatalog.WEBAPI_UNREACHABLE.finding("no answer from 203.0.113.5:443").build()).build();
    });
    Report report = runner(DiagRunner.builder().runDeadline(Duration.ofMillis(300))).run("test",
        List.of(waits, blocking("stuck", new CountDownLatch(1), Optional.of(Duration.ofSeconds(30)))));
    CheckResult own = report.result(id("waits")).orElseThrow();
    assertEquals(Status.FAIL, own.status(), own.toString());
    assertEquals(List.of("webapi.unreachable"), own.findings().stream().map(Finding::code).toList());
    CheckResult stuck = report.result(id("stuck")).orElseThrow();
    assertEquals(Status.ERROR, stuck.status());
    assertEquals("stopped at the run deadline of 300 ms", stuck.summary());
    assertTrue(report.notes().contains("run deadline of 300 ms reached"), report.notes().toString());
  }

  @Test
  void runWhenPlanEmptyThenPassingEmptyReport() throws Exception {
    Report report = runner(DiagRunner.builder()).run("empty", List.of());
    assertEquals(Status.PASS, report.status());
    assertTrue(report.results().isEmpty());
  }

  @Test
  void runWhenResultForAnotherIdThenError() throws Exception {
    Check liar = Check.of(id("liar"), "liar", ctx -> CheckResult.builder(id("someone.else")).build());
    Report report = runner(DiagRunner.builder()).run("test", List.of(liar));
    CheckResult r = report.results().get(0);
    assertEquals(id("liar"), r.id());
    assertEquals(Status.ERROR, r.status());
    assertInstanceOf(String.class, r.summary());
    assertTrue(r.summary().contains("someone.else"));
  }

  private static long liveRunnerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("xphone-diag-")).count();
  }

  /** A clock that advances by a fixed step on every read. */
  private static final class TickingClock extends Clock {
    private final AtomicLong reads = new AtomicLong();
    private final Instant start;
    private final Duration step;

    TickingClock(Instant start, Duration step) {
      this.start = start;
      this.step = step;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return start.plus(step.multipliedBy(reads.getAndIncrement()));
    }
  }
}
