package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StandaloneContextTest {
  private static final CheckId ID = CheckId.of("test.standalone");
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void budgetWhenGivenThenDeadlineFromTheClock() {
    StandaloneContext ctx = StandaloneContext.builder(ID).clock(FIXED).budget(Duration.ofSeconds(5)).build();
    assertEquals(Instant.parse("2026-01-01T00:00:05Z"), ctx.deadline());
    assertEquals(Duration.ofSeconds(5), ctx.remaining());
    assertFalse(ctx.isCancelled());
  }

  @Test
  void cancelWhenCalledThenCheckCancelledThrows() {
    StandaloneContext ctx = CheckContext.standalone(ID, Duration.ofSeconds(30));
    ctx.cancel();
    assertTrue(ctx.isCancelled());
    assertThrows(InterruptedException.class, ctx::checkCancelled);
  }

  @Test
  void deadlineWhenInThePastThenNothingRemainsButNotCancelledUntilCancelCalled() {
    StandaloneContext ctx = StandaloneContext.builder(ID).clock(FIXED).deadline(FIXED.instant().minusSeconds(1)).build();
    assertEquals(Duration.ZERO, ctx.remaining());
    assertFalse(ctx.isCancelled(), "as in a runner, a check returns its own result at its deadline");
    ctx.cancel();
    assertTrue(ctx.isCancelled());
  }

  @Test
  void resultWhenGivenThenAnsweredByIdOnly() {
    CheckResult prereq = CheckResult.builder(CheckId.of("test.prereq")).build();
    StandaloneContext ctx = StandaloneContext.builder(ID).result(prereq).build();
    assertSame(prereq, ctx.resultOf(CheckId.of("test.prereq")).orElseThrow());
    assertTrue(ctx.resultOf(CheckId.of("test.other")).isEmpty());
  }

  @Test
  void progressWhenReportedThenLastOneKept() {
    StandaloneContext ctx = CheckContext.standalone(ID, Duration.ofSeconds(1));
    assertEquals(-1, ctx.progressDone());
    ctx.progress(1, 10);
    ctx.progress(4, 10);
    assertEquals(4, ctx.progressDone());
    assertEquals(10, ctx.progressTotal());
    assertEquals(2, ctx.progressCalls());
  }

  @Test
  void optionsWhenSetTwiceOrBothThenRefusedNamingThem() {
    assertEquals("StandaloneContext: budget was already set; each option may be set once",
        assertThrows(IllegalStateException.class, () -> StandaloneContext.builder(ID)
            .budget(Duration.ofSeconds(1)).budget(Duration.ofSeconds(2))).getMessage());
    assertEquals("StandaloneContext: deadline and budget exclude each other; set one of them",
        assertThrows(IllegalStateException.class, () -> StandaloneContext.builder(ID)
            .budget(Duration.ofSeconds(1)).deadline(Instant.now())).getMessage());
    assertThrows(IllegalStateException.class, () -> StandaloneContext.builder(ID)
        .result(CheckResult.builder(ID).build()).result(CheckResult.builder(ID).build()));
  }
}
