package org.xphonediag.cli;

import java.nio.file.Path;
import org.xphonediag.core.report.ReportFormat;
import picocli.CommandLine.Option;

/** The options every command accepts (ARCHITECTURE.md "The CLI contract"). */
public final class OutputOptions {
  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Output format: text, json, markdown, junit or html (default: text).")
  ReportFormat format;

  @Option(names = "--json", description = "Short for --format json.")
  boolean json;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path output;

  /** The levels {@code --fail-on} accepts. */
  enum FailOn { WARN, FAIL }

  // An enum, not a boolean with a converter: picocli treats boolean options as flags and never
  // hands the word after --fail-on to a converter.
  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "warn: exit 1 on WARN too (default: fail).")
  FailOn failOn;

  /** True with {@code --fail-on warn}. */
  boolean failOnWarn() {
    return failOn == FailOn.WARN;
  }


  /** The chosen format; {@code --json} and {@code --format} together must agree. */
  ReportFormat format() {
    if (json && format != null && format != ReportFormat.JSON) {
      throw new UsageException("--json and --format " + format.optionName() + " contradict each other");
    }
    return json ? ReportFormat.JSON : format == null ? ReportFormat.TEXT : format;
  }

  /** Converts {@code --format}. */
  public static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      try {
        return ReportFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
