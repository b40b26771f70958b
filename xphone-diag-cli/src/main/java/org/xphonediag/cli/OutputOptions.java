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

  boolean failOnWarn;

  // A String setter, not a boolean field: picocli treats a boolean field as a flag (arity 0) and
  // would hand the converter "true" instead of the value given.
  @Option(names = "--fail-on", paramLabel = "LEVEL", description = "warn: exit 1 on WARN too (default: fail).")
  void failOn(String level) {
    try {
      failOnWarn = new FailOnConverter().convert(level);
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new picocli.CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

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

  /** Converts {@code --fail-on}. */
  public static final class FailOnConverter implements picocli.CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      if (value.equalsIgnoreCase("warn")) {
        return true;
      }
      if (value.equalsIgnoreCase("fail")) {
        return false;
      }
      throw new picocli.CommandLine.TypeConversionException(
          "--fail-on must be warn or fail but was '" + value + "'");
    }
  }
}
