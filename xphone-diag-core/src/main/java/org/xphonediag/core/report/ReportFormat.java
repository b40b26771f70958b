package org.xphonediag.core.report;

import java.util.Locale;

/**
 * The report formats of the CLI contract (ARCHITECTURE.md): {@code text|json|markdown|junit}, plus
 * {@code html}, a single self-contained page.
 */
public enum ReportFormat {
  TEXT, JSON, MARKDOWN, JUNIT, HTML;

  /** The default writer for this format. */
  public ReportWriter writer() {
    return switch (this) {
      case TEXT -> TextReportWriter.builder().build();
      case JSON -> new JsonReportWriter();
      case MARKDOWN -> new MarkdownReportWriter();
      case JUNIT -> new JUnitReportWriter();
      case HTML -> new HtmlReportWriter();
    };
  }

  /** The option value, lower case. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ReportFormat parse(String name) {
    for (ReportFormat f : values()) {
      if (f.optionName().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("format must be one of text, json, markdown, junit, html but was '" + name + "'");
  }
}
