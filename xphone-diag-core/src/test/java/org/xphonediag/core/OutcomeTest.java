package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A check's typed outcome: carried by its result, read by dependants and embedders, its details derived. */
class OutcomeTest {
  record Mapped(String server, String address) implements Outcome {
    @Override
    public Details details() {
      return Details.of("server", server, "mappedAddress", address);
    }
  }

  record Other(int n) implements Outcome {
    @Override
    public Details details() {
      return Details.of("n", n);
    }
  }

  private static final CheckId STUN = CheckId.of("test.stun");

  @Test
  void outcomeWhenSetThenReadByTypeAndDetailsDerivedFirst() {
    Mapped m = new Mapped("stun.example:3478", "203.0.113.7:40000");
    CheckResult r = CheckResult.builder(STUN).detail("extra", true).outcome(m).build();
    assertSame(m, r.outcome(Mapped.class).orElseThrow());
    assertSame(m, r.outcome().orElseThrow());
    assertEquals(Optional.empty(), r.outcome(Other.class));
    assertEquals(List.of("server", "mappedAddress", "extra"), List.copyOf(r.details().asMap().keySet()));
  }

  @Test
  void outcomeWhenAbsentThenEmptyAndDetailsAsSet() {
    CheckResult r = CheckResult.builder(STUN).detail("a", 1).build();
    assertTrue(r.outcome().isEmpty());
    assertTrue(r.outcome(Mapped.class).isEmpty());
    assertEquals(Details.of("a", 1), r.details());
  }

  @Test
  void outcomeWhenSetTwiceThenRefusedNamingTheCheck() {
    CheckResult.Builder b = CheckResult.builder(STUN).outcome(new Other(1));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.outcome(new Other(2)));
    assertEquals("outcome of test.stun was already set to a Other", e.getMessage());
  }

  @Test
  void toBuilderWhenRebuiltThenKeepsOutcomeAndDetails() {
    CheckResult r = CheckResult.builder(STUN).outcome(new Other(7)).detail("x", "y").build();
    CheckResult again = r.toBuilder().elapsed(Duration.ofMillis(5)).build();
    assertEquals(new Other(7), again.outcome(Other.class).orElseThrow());
    assertEquals(r.details(), again.details());
  }

  @Test
  void toBuilderWhenAnotherIdThenWrapperHandsOnOutcomeFindingsAndDetails() {
    CheckResult inner = CheckResult.builder(STUN).title("inner").summary("s").outcome(new Other(3)).detail("x", 1)
        .finding(FindingCatalog.MEDIA_MISSING_PUBLIC_CANDIDATE.finding("only private").build()).build();
    CheckId wrapper = CheckId.of("test.wrapper");
    CheckResult outer = inner.toBuilder(wrapper).title("outer").build();
    assertEquals(wrapper, outer.id());
    assertEquals("outer", outer.title());
    assertEquals(inner.status(), outer.status());
    assertEquals(inner.findings(), outer.findings());
    assertEquals(new Other(3), outer.outcome(Other.class).orElseThrow());
    assertEquals(List.of("n", "x"), List.copyOf(outer.details().asMap().keySet()));
  }

  @Test
  void dependantWhenPrerequisiteFinishedThenReadsItsOutcome() throws InterruptedException {
    Mapped m = new Mapped("s", "198.51.100.1:1");
    Check stun = Check.of(STUN, "stun", ctx -> CheckResult.builder(STUN).outcome(m).build());
    CheckId dependant = CheckId.of("test.dependant");
    Check uses = Check.of(dependant, "uses", java.util.Set.of(STUN), ctx ->
        CheckResult.builder(dependant).summary(ctx.outcomeOf(STUN, Mapped.class).orElseThrow().address()).build());
    try (DiagRunner runner = DiagRunner.builder().build()) {
      Report report = runner.run("test", List.of(stun, uses));
      assertEquals("198.51.100.1:1", report.result(dependant).orElseThrow().summary());
      assertSame(m, report.outcome(STUN, Mapped.class).orElseThrow());
      assertTrue(report.outcome(dependant, Mapped.class).isEmpty());
    }
  }
}
