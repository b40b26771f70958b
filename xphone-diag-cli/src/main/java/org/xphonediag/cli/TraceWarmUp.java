package org.xphonediag.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.core.report.TextReportWriter;
import org.xphonediag.testkit.capture.SyntheticCapture;
import org.xphonediag.trace.CaptureReader;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.TraceAnalyzer;
import org.xphonediag.trace.TraceScanner;

/**
 * Warms the {@code trace} command up on a second core: analyses a small {@link SyntheticCapture}
 * in memory and writes its report to nowhere, so that jain-sip's parser, the analysis and the
 * report writers are loaded and linked while the main thread still parses the command line and
 * reads the real capture. Most of a one-second run is such one-off cost (the whole-process
 * speed goal, measured by {@code benchmarks/scripts/trace-vs-tshark.sh}; docs/measurements.md "Performance
 * figures"); the warm-up is kept small because both cores are busy, mostly with the JIT, and a
 * bigger one measured slower. Best effort: the real run never depends on it, and a failure is only
 * logged at debug level.
 */
final class TraceWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(TraceWarmUp.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private TraceWarmUp() {}

  /** Starts the warm-up on a daemon thread, once per JVM. */
  static void startOnce() {
    if (STARTED.compareAndSet(false, true)) {
      Thread t = new Thread(TraceWarmUp::run, "xphone-diag-trace-warm-up");
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY - 1);
      t.start();
    }
  }

  private static void run() {
    try {
      ByteArrayOutputStream capture = new ByteArrayOutputStream(32 * 1024);
      SyntheticCapture.write(capture, 100, 1);
      TraceAnalyzer analyzer = TraceAnalyzer.builder().build();
      TraceAnalysis analysis;
      try (TraceScanner scanner = TraceScanner.of(
          CaptureReader.open(new ByteArrayInputStream(capture.toByteArray()), "warm-up"))) {
        analysis = analyzer.analyze(scanner, "warm-up", List.of());
      }
      Report report = analyzer.report(analysis, Duration.ZERO);
      ReportFormat.JSON.writer().write(report, Writer.nullWriter());
      TextReportWriter.builder().dataRenderer((data, w) -> TraceCommand.renderLadder(analysis, w)).build()
          .write(report, Writer.nullWriter());
    } catch (Exception | LinkageError e) {
      LOG.debug("trace warm-up failed; the real run is not affected", e);
    }
  }
}
