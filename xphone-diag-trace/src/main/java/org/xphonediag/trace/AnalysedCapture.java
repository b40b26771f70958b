package org.xphonediag.trace;

import java.util.Objects;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;

/**
 * The outcome of {@code trace.capture}: the whole {@link TraceAnalysis} of the capture, for the checks
 * and embedders that read a trace report ({@code report.outcome(CheckCatalog.TRACE_CAPTURE,
 * AnalysedCapture.class)}). The result's own details stay the frame counts and the report's data are the
 * analysis' {@link TraceAnalysis#details() details}, as the JSON contract has them, so this outcome adds
 * no details of its own.
 *
 * @param analysis the capture's analysis
 */
public record AnalysedCapture(TraceAnalysis analysis) implements Outcome {

  /** Checks for null. */
  public AnalysedCapture {
    Objects.requireNonNull(analysis, "analysis");
  }

  /** None: see the class description. */
  @Override
  public Details details() {
    return Details.empty();
  }
}
