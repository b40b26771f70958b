package org.xphonediag.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;

/**
 * Writes a report as GitHub-flavoured Markdown: a headline, a table of checks, then one section
 * per finding with message, location, evidence, remedy and reference, then the data.
 */
public final class MarkdownReportWriter implements ReportWriter {

  @Override
  public void write(Report report, Writer out) throws IOException {
    CheckedPrintWriter w = CheckedPrintWriter.of(out);
    w.printf("# xphone-diag %s: %s%n%n", esc(report.command()), report.status());
    w.printf("%d check%s in %s%s.%n%n", report.results().size(), report.results().size() == 1 ? "" : "s",
        Values.duration(report.elapsed()), report.cancelled() ? ", cancelled" : "");
    for (String note : report.notes()) {
      w.println("> " + esc(note));
      w.println();
    }
    if (!report.results().isEmpty()) {
      w.println("| Check | Status | Summary | Time |");
      w.println("| --- | --- | --- | --- |");
      for (CheckResult r : report.results()) {
        w.printf("| `%s` %s | **%s** | %s | %s |%n", r.id(), esc(r.title()), r.status(), esc(r.summary()),
            Values.duration(r.elapsed()));
      }
      w.println();
    }
    if (!report.findings().isEmpty()) {
      w.println("## Findings");
      w.println();
      for (CheckResult r : report.results()) {
        for (Finding f : r.findings()) {
          w.printf("### %s `%s` (%s)%n%n", f.severity(), f.code(), esc(f.title()));
          w.println(esc(f.message()));
          w.println();
          f.location().ifPresent(l -> w.println("- at: `" + l + "`"));
          for (Map.Entry<String, Object> e : f.evidence().asMap().entrySet()) {
            w.println("- " + esc(e.getKey()) + ": " + esc(Values.text(e.getValue())));
          }
          w.println("- check: `" + r.id() + "`");
          w.println("- remedy: " + esc(f.remedy()));
          w.println("- ref: " + esc(f.ref()));
          w.println();
        }
      }
    }
    if (!report.data().isEmpty()) {
      w.println("## Data");
      w.println();
      w.println("```json");
      w.flush();
      StringBuilderWriter json = new StringBuilderWriter();
      new JsonReportWriter(true).write(Report.builder(report.command()).data(report.data()).build(), json);
      w.print(extractData(json.toString()));
      w.println("```");
    }
    w.finish();
  }

  /** The {@code data} object of a JSON document, as text. */
  private static String extractData(String json) {
    int i = json.indexOf("\"data\" : ");
    String tail = i < 0 ? json : json.substring(i + "\"data\" : ".length());
    int end = tail.lastIndexOf('}');
    return (end > 0 ? tail.substring(0, end) : tail).stripTrailing() + System.lineSeparator();
  }

  /** Escapes the characters that Markdown tables and emphasis would read. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '|', '*', '_', '`', '<', '>', '[', ']', '\\' -> sb.append('\\').append(c);
        case '\n', '\r' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static final class StringBuilderWriter extends java.io.StringWriter {}
}
