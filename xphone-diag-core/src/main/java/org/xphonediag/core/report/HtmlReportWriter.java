package org.xphonediag.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Writes a report as one self-contained HTML page (no scripts, fonts, images or other external
 * assets): a headline, the flow of checks in plan order with each step's status, then each
 * step's findings with location, evidence, remedy and reference. The markup is well-formed XML
 * (XHTML syntax) so tools can parse it too.
 */
public final class HtmlReportWriter implements ReportWriter {

  private static final String STYLE = String.join("",
      "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;color:#1b1f23;max-width:70em}",
      "h1{font-size:1.5em}h1 .status{padding:.1em .5em;border-radius:.3em}",
      "ol.flow{list-style:none;padding:0}ol.flow>li{border-left:.4em solid #d0d7de;margin:.6em 0;padding:.4em .8em;",
      "background:#f6f8fa}",
      ".status{font-weight:bold;font-family:ui-monospace,monospace}",
      ".PASS{border-color:#2da44e!important}.PASS .status,.status.PASS{color:#1a7f37}",
      ".SKIPPED{border-color:#8c959f!important}.SKIPPED .status,.status.SKIPPED{color:#6e7781}",
      ".WARN{border-color:#d4a72c!important}.WARN .status,.status.WARN{color:#9a6700}",
      ".FAIL{border-color:#cf222e!important}.FAIL .status,.status.FAIL{color:#cf222e}",
      ".ERROR{border-color:#8250df!important}.ERROR .status,.status.ERROR{color:#8250df}",
      "code{font-family:ui-monospace,monospace}.finding{margin:.5em 0 .5em 1em}",
      ".remedy{background:#fff8c5;padding:.3em .5em}dl.evidence{margin:.2em 0}",
      "dl.evidence dt{font-weight:bold;float:left;clear:left;margin-right:.5em}dl.evidence dd{margin:0}",
      ".summary{color:#57606a}.note{background:#ddf4ff;padding:.4em .8em}");

  @Override
  public void write(Report report, Writer out) throws IOException {
    CheckedPrintWriter w = CheckedPrintWriter.of(out);
    w.println("<!DOCTYPE html>");
    w.println("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">");
    w.println("<head><meta charset=\"utf-8\"/>");
    w.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
    w.printf("<title>xphone-diag %s: %s</title>%n", esc(report.command()), report.status());
    w.println("<style>" + STYLE + "</style></head>");
    w.println("<body>");
    w.printf("<h1 id=\"verdict\">xphone-diag %s: <span class=\"status %s\">%s</span></h1>%n", esc(report.command()),
        report.status(), report.status());
    w.printf("<p class=\"summary\">%d check%s in %s, started %s%s.</p>%n", report.results().size(),
        report.results().size() == 1 ? "" : "s", Values.duration(report.elapsed()), esc(report.startedAt().toString()),
        report.cancelled() ? ", cancelled" : "");
    for (String note : report.notes()) {
      w.printf("<p class=\"note\">%s</p>%n", esc(note));
    }
    w.println("<ol class=\"flow\">");
    for (CheckResult r : report.results()) {
      w.printf("<li class=\"%s\" id=\"check-%s\" data-status=\"%s\">%n", r.status(), esc(r.id().value()), r.status());
      w.printf("<span class=\"status\">%s</span> <code>%s</code> %s", r.status(), esc(r.id().value()), esc(r.title()));
      if (!r.summary().isEmpty()) {
        w.printf(" <span class=\"summary\">- %s</span>", esc(r.summary()));
      }
      w.println();
      for (Finding f : r.findings()) {
        w.printf("<div class=\"finding %s\" data-code=\"%s\">%n", f.severity(), esc(f.code()));
        w.printf("<div><span class=\"status %s\">%s</span> <code>%s</code> %s</div>%n", f.severity(), f.severity(),
            esc(f.code()), esc(f.message()));
        if (f.location().isPresent() || !f.evidence().isEmpty()) {
          w.println("<dl class=\"evidence\">");
          f.location().ifPresent(l -> w.printf("<dt>at</dt><dd><code>%s</code></dd>%n", esc(l.toString())));
          for (Map.Entry<String, Object> e : f.evidence().asMap().entrySet()) {
            w.printf("<dt>%s</dt><dd>%s</dd>%n", esc(e.getKey()), esc(Values.text(e.getValue())));
          }
          w.println("</dl>");
        }
        w.printf("<div class=\"remedy\">%s <small>(%s)</small></div>%n", esc(f.remedy()), esc(f.ref()));
        w.println("</div>");
      }
      w.println("</li>");
    }
    w.println("</ol>");
    if (!report.data().isEmpty()) {
      w.println("<details><summary>Data</summary><pre>");
      w.print(esc(new JsonReportWriter(true).toString(Report.builder(report.command()).data(report.data()).build())));
      w.println("</pre></details>");
    }
    w.printf("<footer><small>%s</small></footer>%n", esc(legend()));
    w.println("</body></html>");
    w.finish();
  }

  private static String legend() {
    StringBuilder sb = new StringBuilder("Statuses from best to worst:");
    for (Status s : Status.values()) {
      sb.append(' ').append(s.name().toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /** Escapes text for HTML content and attribute values; drops characters XML cannot hold. */
  static String esc(String s) {
    String clean = JUnitReportWriter.clean(s);
    StringBuilder sb = new StringBuilder(clean.length());
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
