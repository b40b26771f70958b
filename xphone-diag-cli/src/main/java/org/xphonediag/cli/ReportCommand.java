package org.xphonediag.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.xphonediag.core.Check;
import org.xphonediag.core.DiagRun;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.io.AtomicFile;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.core.report.ReportWriter;
import org.xphonediag.core.report.TextReportWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that produces a {@link Report}, writes it in the chosen format and maps its status to
 * the exit code: 0 nothing worse than WARN, 1 some FAIL (or WARN with {@code --fail-on warn}),
 * 3 ERROR. Bad usage and unreadable input throw {@link UsageException} (exit 2), and so does a
 * report that cannot be written. {@code --output FILE} replaces the file as a whole
 * ({@link AtomicFile}). On SIGINT or SIGTERM the run is cancelled and the partial report written
 * (see {@link ShutdownGuard}).
 */
public abstract class ReportCommand implements Callable<Integer> {
  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  /** Produces the report; throws {@link UsageException} for input that cannot be read. */
  protected abstract Report produce(Terminal terminal) throws Exception;

  /** How this command prints its data as text; the default prints a tree. */
  protected TextReportWriter.DataRenderer textData() {
    return TextReportWriter::renderTree;
  }

  @Override
  public Integer call() throws Exception {
    ReportFormat format = output.format();
    Terminal terminal = Terminal.of(spec);
    try (ShutdownGuard.Registration command = shutdown().command()) {
      Report report = produce(terminal);
      Thread.interrupted(); // an interrupt that cancelled the run must not break writing its report
      ReportWriter writer = format == ReportFormat.TEXT
          ? TextReportWriter.builder().color(terminal.interactive() && output.output == null)
              .dataRenderer(textData()).build()
          : format.writer();
      if (output.output != null) {
        try (AtomicFile file = AtomicFile.open(output.output)) {
          Writer w = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
          writer.write(report, w);
          w.flush();
          file.commit();
        } catch (IOException e) {
          throw new UsageException("cannot write --output " + output.output + ": "
              + InputFile.reason(e, output.output.toString()), e);
        }
      } else {
        writer.write(report, terminal.out());
        terminal.out().flush();
      }
      return exitCode(report.status(), output.failOnWarn());
    }
  }

  /** What this command does when the JVM shuts down under it. */
  ShutdownGuard shutdown() {
    return spec.root().userObject() instanceof Main m ? m.shutdown() : ShutdownGuard.none();
  }

  /**
   * Runs {@code checks} on {@code runner} and waits for the report; a signal (or an interrupt)
   * cancels the run and the report comes back at once with the unfinished checks SKIPPED.
   */
  Report runChecks(DiagRunner runner, String command, List<? extends Check> checks) {
    DiagRun run = runner.start(command, checks);
    try (ShutdownGuard.Registration r = shutdown().onShutdown(run::cancel)) {
      return run.await(DiagRunner.DEFAULT_RUN_DEADLINE.plusSeconds(10));
    } catch (InterruptedException | TimeoutException e) {
      run.cancel();
      return run.report().orElseThrow();
    }
  }

  /** The exit code for a report status. */
  static int exitCode(Status status, boolean failOnWarn) {
    return switch (status) {
      case PASS, SKIPPED -> 0;
      case WARN -> failOnWarn ? 1 : 0;
      case FAIL -> 1;
      case ERROR -> 3;
    };
  }
}
