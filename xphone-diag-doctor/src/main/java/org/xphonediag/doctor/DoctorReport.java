package org.xphonediag.doctor;

import java.util.List;
import java.util.Objects;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * What one run of the {@link Doctor} found: the {@link Report} (results, findings, and the {@code data}
 * the report writers print), and typed, the walk through the guide's flowchart ({@link #flow()}) and
 * the next steps the guide would take ({@link #nextSteps()}). The report's {@code data.flow} and
 * {@code data.nextSteps} are written from these. Immutable.
 *
 * <pre>{@code
 * DoctorReport walked = Doctor.builder(profile).build().diagnose(DiagListener.none());
 * walked.nextSteps().forEach(System.out::println);
 * }</pre>
 */
public final class DoctorReport {
  /**
   * One stage of the flowchart as the run walked it.
   *
   * @param stage the stage
   * @param status the worst status of its checks
   * @param checks the results of its checks, in report order (at least one)
   */
  public record FlowStage(Stage stage, Status status, List<CheckResult> checks) {
    /** Validates and copies. */
    public FlowStage {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(status, "status");
      checks = List.copyOf(checks);
    }

    /** The stage for the report's {@code data.flow}: stage, title, ref, status, checks (id and status each). */
    public Details details() {
      return Details.builder().put("stage", stage.jsonName()).put("title", stage.title()).put("ref", stage.ref())
          .put("status", status.name())
          .put("checks", checks.stream().map(r -> Details.of("id", r.id().value(), "status", r.status().name()))
              .toList())
          .build();
    }
  }

  private final Report report;
  private final List<FlowStage> flow;
  private final List<String> nextSteps;

  DoctorReport(Report report, List<FlowStage> flow, List<String> nextSteps) {
    this.report = Objects.requireNonNull(report, "report");
    this.flow = List.copyOf(flow);
    this.nextSteps = List.copyOf(nextSteps);
  }

  /** The report, for the report writers, ticket bundles and comparisons. */
  public Report report() {
    return report;
  }

  /** The stages walked, in flowchart order; a stage without checks in this run is left out. */
  public List<FlowStage> flow() {
    return flow;
  }

  /**
   * The next steps the guide would take, most useful first, each once; when the run was cancelled,
   * one step saying to run the doctor again.
   */
  public List<String> nextSteps() {
    return nextSteps;
  }

  @Override
  public String toString() {
    return "DoctorReport[" + report.status() + ", " + flow.size() + " stage(s), " + nextSteps.size()
        + " next step(s)]";
  }
}
