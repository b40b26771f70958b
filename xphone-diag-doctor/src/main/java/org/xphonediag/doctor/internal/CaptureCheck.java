package org.xphonediag.doctor.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.trace.AnalysedCapture;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.TraceAnalyzer;

/**
 * The check {@code trace.capture}: the profile's capture (and FreeSWITCH log) through the trace
 * analyser (docs/field-guide.md#reading-a-trace, #failure-patterns); every finding of the analysis, with its evidence frames, becomes a
 * finding of this check, and the analysis' frame counts and legs its details. A file that cannot
 * be read or is not a capture makes the result ERROR naming it; the other checks of the run are
 * unaffected.
 */
public final class CaptureCheck implements Check {
  private final Path capture;
  private final Optional<Path> fsLog;

  public CaptureCheck(Path capture, Optional<Path> fsLog) {
    this.capture = capture;
    this.fsLog = fsLog;
  }

  @Override
  public CheckId id() {
    return CheckCatalog.TRACE_CAPTURE;
  }

  @Override
  public String title() {
    return "Capture " + capture.getFileName() + fsLog.map(l -> " and log " + l.getFileName()).orElse("");
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    context.checkCancelled();
    TraceAnalyzer.Builder b = TraceAnalyzer.builder();
    fsLog.ifPresent(b::fsLog);
    TraceAnalyzer analyzer = b.build();
    Report r;
    try {
      r = analyzer.report(capture);
    } catch (CaptureFormatException e) {
      return CheckResult.builder(CheckCatalog.TRACE_CAPTURE).title(title()).status(Status.ERROR)
          .summary(e.reason() + " (" + e.location().source() + " at byte offset " + e.byteOffset() + ")").cause(e)
          .build();
    } catch (IOException e) {
      return CheckResult.builder(CheckCatalog.TRACE_CAPTURE).title(title()).status(Status.ERROR)
          .summary("cannot read " + capture + ": " + e.getMessage()).cause(e).build();
    }
    TraceAnalysis analysis = r.outcome(CheckCatalog.TRACE_CAPTURE, AnalysedCapture.class)
        .map(AnalysedCapture::analysis)
        .orElseThrow(() -> new IllegalStateException("the trace report carries no analysis"));
    return CheckResult.builder(CheckCatalog.TRACE_CAPTURE).title(title()).findings(r.findings())
        .outcome(new AnalysedCapture(analysis))
        .summary(r.results().size() + " analysis step(s), " + r.findings().size() + " finding(s)")
        .detail("packets", analysis.counts().toDetails())
        .detail("legs", analysis.legs().stream().map(CallLeg::toDetails).toList()).build();
  }
}
