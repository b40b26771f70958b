package org.xphonediag.core.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import java.util.Objects;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Writes a report for people: a headline, one line per check with its status, then each finding
 * with what was seen, where, the remedy and the reference to its documentation, then the command's data.
 * Colour (ANSI) only when asked for, which the CLI does on a terminal.
 */
public final class TextReportWriter implements ReportWriter {
  /** Renders a command's {@code data} for people; the default prints it as an indented tree. */
  @FunctionalInterface
  public interface DataRenderer {
    void render(Details data, PrintWriter out);
  }

  private final boolean color;
  private final DataRenderer dataRenderer;

  private TextReportWriter(Builder b) {
    this.color = b.color;
    this.dataRenderer = b.dataRenderer;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    PrintWriter w = new PrintWriter(out);
    w.printf("xphone-diag %s: %s (%d check%s, %s)%s%n", report.command(), paint(report.status()),
        report.results().size(), report.results().size() == 1 ? "" : "s",
        Values.duration(report.elapsed()), report.cancelled() ? " - cancelled" : "");
    for (String note : report.notes()) {
      w.println("  note: " + note);
    }
    int idWidth = 8;
    for (CheckResult r : report.results()) {
      idWidth = Math.max(idWidth, r.id().value().length());
    }
    for (CheckResult r : report.results()) {
      w.printf("  %s %-" + idWidth + "s  %s", pad(r.status()), r.id(), r.title());
      if (!r.summary().isEmpty()) {
        w.print(" - " + r.summary());
      }
      if (r.status() != Status.SKIPPED) {
        w.print(" (" + Values.duration(r.elapsed()) + ")");
      }
      w.println();
      for (Finding f : r.findings()) {
        w.printf("      %s %s: %s%n", paint(f.severity()), f.code(), f.message());
        f.location().ifPresent(l -> w.println("          at: " + l));
        for (Map.Entry<String, Object> e : f.evidence().asMap().entrySet()) {
          w.println("          " + e.getKey() + ": " + Values.text(e.getValue()));
        }
        w.println("          remedy: " + f.remedy() + " (" + f.ref() + ")");
      }
    }
    if (!report.data().isEmpty()) {
      dataRenderer.render(report.data(), w);
    }
    w.flush();
  }

  private String pad(Status s) {
    String name = String.format("%-7s", s.name());
    return color ? colour(s) + name + "\u001b[0m" : name;
  }

  private String paint(Status s) {
    return color ? colour(s) + s.name() + "\u001b[0m" : s.name();
  }

  private static String colour(Status s) {
    return switch (s) {
      case PASS -> "\u001b[32m";
      case SKIPPED -> "\u001b[90m";
      case WARN -> "\u001b[33m";
      case FAIL -> "\u001b[31m";
      case ERROR -> "\u001b[35m";
    };
  }

  /** Prints data as an indented tree. */
  public static void renderTree(Details data, PrintWriter w) {
    renderTree(data, w, "  ");
  }

  private static void renderTree(Details d, PrintWriter w, String indent) {
    for (Map.Entry<String, Object> e : d.asMap().entrySet()) {
      Object v = e.getValue();
      if (v instanceof Details nested) {
        w.println(indent + e.getKey() + ":");
        renderTree(nested, w, indent + "  ");
      } else if (v instanceof java.util.List<?> l && !l.isEmpty() && l.get(0) instanceof Details) {
        w.println(indent + e.getKey() + ":");
        for (Object o : l) {
          w.println(indent + "  - " + Values.text(o));
        }
      } else {
        w.println(indent + e.getKey() + ": " + Values.text(v));
      }
    }
  }

  /** Options of {@link TextReportWriter}. */
  public static final class Builder {
    private boolean color;
    private DataRenderer dataRenderer = TextReportWriter::renderTree;

    private Builder() {}

    /** ANSI colours for statuses; off by default. */
    public Builder color(boolean color) {
      this.color = color;
      return this;
    }

    /** How the command's data is printed after the results. */
    public Builder dataRenderer(DataRenderer renderer) {
      this.dataRenderer = Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    public TextReportWriter build() {
      return new TextReportWriter(this);
    }
  }
}
