package org.xphonediag.testkit;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Assertions on a {@link Report} for users' tests and pipelines; a failure message lists the
 * report's findings with their remedies, so a red build says what to change.
 *
 * <pre>{@code
 * ReportAssert.assertThat(report).hasNoFindingWorseThan(Status.WARN).hasCheck("webapi.health", Status.PASS);
 * }</pre>
 */
public final class ReportAssert {
  private final Report report;

  private ReportAssert(Report report) {
    this.report = Objects.requireNonNull(report, "report");
  }

  public static ReportAssert assertThat(Report report) {
    return new ReportAssert(report);
  }

  /** Fails when any finding is worse than {@code worst}, or any check ended ERROR. */
  public ReportAssert hasNoFindingWorseThan(Status worst) {
    List<Finding> bad = report.findings().stream().filter(f -> f.severity().isWorseThan(worst)).toList();
    List<CheckResult> errors = report.results().stream().filter(r -> r.status() == Status.ERROR).toList();
    if (!bad.isEmpty() || !errors.isEmpty() && Status.ERROR.isWorseThan(worst)) {
      throw new AssertionError("expected no finding worse than " + worst + " but the report has:\n"
          + describe(bad) + errors.stream().map(r -> "  ERROR " + r.id() + ": " + r.summary() + "\n")
              .collect(Collectors.joining()));
    }
    return this;
  }

  /** Fails unless some check raised {@code code}. */
  public ReportAssert hasFinding(String code) {
    if (report.findings().stream().noneMatch(f -> f.code().equals(code))) {
      throw new AssertionError("expected a finding " + code + " but the report has:\n" + describe(report.findings()));
    }
    return this;
  }

  /** Fails when some check raised {@code code}. */
  public ReportAssert hasNoFinding(String code) {
    List<Finding> found = report.findings().stream().filter(f -> f.code().equals(code)).toList();
    if (!found.isEmpty()) {
      throw new AssertionError("expected no finding " + code + " but the report has:\n" + describe(found));
    }
    return this;
  }

  /** Fails unless check {@code id} ended with {@code status}. */
  public ReportAssert hasCheck(String id, Status status) {
    CheckResult r = report.result(CheckId.of(id)).orElseThrow(() -> new AssertionError(
        "expected a check " + id + " but the report has " + report.results().stream().map(x -> x.id().value())
            .toList()));
    if (r.status() != status) {
      throw new AssertionError("expected " + id + " to be " + status + " but it was " + r.status()
          + (r.summary().isEmpty() ? "" : " (" + r.summary() + ")") + "\n" + describe(r.findings()));
    }
    return this;
  }

  private static String describe(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "  (no findings)\n";
    }
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      sb.append("  ").append(f.severity()).append(' ').append(f.code()).append(": ").append(f.message()).append('\n')
          .append("    remedy: ").append(f.remedy()).append(" (").append(f.ref()).append(")\n");
    }
    return sb.toString();
  }
}
