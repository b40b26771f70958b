package org.xphonediag.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.core.report.ReportWriter;
import org.xphonediag.core.report.TextReportWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that produces a {@link Report}, writes it in the chosen format and maps its status to
 * the exit code: 0 nothing worse than WARN, 1 some FAIL (or WARN with {@code --fail-on warn}),
 * 3 ERROR. Bad usage and unreadable input throw {@link UsageException} (exit 2).
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
    Report report = produce(terminal);
    ReportWriter writer = format == ReportFormat.TEXT
        ? TextReportWriter.builder().color(terminal.interactive() && output.output == null)
            .dataRenderer(textData()).build()
        : format.writer();
    if (output.output != null) {
      try (Writer w = Files.newBufferedWriter(output.output, StandardCharsets.UTF_8)) {
        writer.write(report, w);
      } catch (IOException e) {
        throw new UsageException("cannot write --output " + output.output + ": " + e.getMessage(), e);
      }
    } else {
      writer.write(report, terminal.out());
      terminal.out().flush();
    }
    return exitCode(report.status(), output.failOnWarn());
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
