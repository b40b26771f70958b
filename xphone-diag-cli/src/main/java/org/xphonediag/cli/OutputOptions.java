package org.xphonediag.cli;

import java.nio.file.Path;
import org.xphonediag.core.report.ReportFormat;
import picocli.CommandLine.Option;

/** The options every command accepts (ARCHITECTURE.md "The CLI contract"). */
public final class OutputOptions {
  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Output format: text, json, markdown or junit (default: text).")
  ReportFormat format;

  @Option(names = "--json", description = "Short for --format json.")
  boolean json;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path output;

  // A String, not a boolean: picocli reads a boolean option as a flag and never hands "warn" to the converter.
  @Option(names = "--fail-on", paramLabel = "LEVEL", converter = FailOnConverter.class,
      description = "warn: exit 1 on WARN too (default: fail).")
  String failOn = "fail";

  /** True for {@code --fail-on warn}. */
  boolean failOnWarn() {
    return "warn".equals(failOn);
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

  /** Converts {@code --fail-on}. */
  public static final class FailOnConverter implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.equalsIgnoreCase("warn")) {
        return "warn";
      }
      if (value.equalsIgnoreCase("fail")) {
        return "fail";
      }
      throw new picocli.CommandLine.TypeConversionException(
          "--fail-on must be warn or fail but was '" + value + "'");
    }
  }
}
