package org.xphonediag.core.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Writes a report as JUnit XML (the Ant/Surefire format CI servers read): one {@code testsuite}
 * per report, one {@code testcase} per check. FAIL becomes {@code failure}, ERROR {@code error},
 * SKIPPED {@code skipped}; WARN passes with its findings in {@code system-out}. Characters XML 1.0
 * cannot hold are replaced by U+FFFD.
 */
public final class JUnitReportWriter implements ReportWriter {

  @Override
  public void write(Report report, Writer out) throws IOException {
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (CheckResult r : report.results()) {
      switch (r.status()) {
        case FAIL -> failures++;
        case ERROR -> errors++;
        case SKIPPED -> skipped++;
        default -> { }
      }
    }
    String suite = "xphone-diag." + report.command();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "xphone-diag");
      x.writeAttribute("tests", Integer.toString(report.results().size()));
      x.writeAttribute("failures", Integer.toString(failures));
      x.writeAttribute("errors", Integer.toString(errors));
      x.writeAttribute("skipped", Integer.toString(skipped));
      x.writeAttribute("time", seconds(report.elapsed()));
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", clean(suite));
      x.writeAttribute("tests", Integer.toString(report.results().size()));
      x.writeAttribute("failures", Integer.toString(failures));
      x.writeAttribute("errors", Integer.toString(errors));
      x.writeAttribute("skipped", Integer.toString(skipped));
      x.writeAttribute("time", seconds(report.elapsed()));
      x.writeAttribute("timestamp", report.startedAt().toString());
      for (CheckResult r : report.results()) {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", clean(suite));
        x.writeAttribute("name", r.id().value());
        x.writeAttribute("time", seconds(r.elapsed()));
        String body = describe(r);
        switch (r.status()) {
          case FAIL -> element(x, "failure", headline(r), "FAIL", body);
          case ERROR -> element(x, "error", headline(r),
              r.cause().map(c -> c.getClass().getName()).orElse("ERROR"), body);
          case SKIPPED -> {
            x.writeCharacters("\n      ");
            x.writeEmptyElement("skipped");
            x.writeAttribute("message", clean(r.summary()));
          }
          default -> { }
        }
        if (!body.isEmpty()) {
          x.writeCharacters("\n      ");
          x.writeStartElement("system-out");
          x.writeCharacters(clean(body));
          x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
      }
      if (!report.data().isEmpty()) {
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeCharacters(clean(new JsonReportWriter(true).toString(
            Report.builder(report.command()).data(report.data()).build())));
        x.writeEndElement();
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static void element(XMLStreamWriter x, String name, String message, String type, String body)
      throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeStartElement(name);
    x.writeAttribute("message", clean(message));
    x.writeAttribute("type", clean(type));
    x.writeCharacters(clean(body));
    x.writeEndElement();
  }

  private static String headline(CheckResult r) {
    if (!r.findings().isEmpty()) {
      Finding f = r.findings().stream().filter(x -> x.severity() == r.status()).findFirst()
          .orElse(r.findings().get(0));
      return f.code() + ": " + f.message();
    }
    return r.summary().isEmpty() ? r.status().name() : r.summary();
  }

  private static String describe(CheckResult r) {
    StringBuilder sb = new StringBuilder();
    if (!r.summary().isEmpty()) {
      sb.append(r.summary()).append('\n');
    }
    for (Finding f : r.findings()) {
      sb.append(f.severity()).append(' ').append(f.code()).append(": ").append(f.message()).append('\n');
      f.location().ifPresent(l -> sb.append("  at: ").append(l).append('\n'));
      for (Map.Entry<String, Object> e : f.evidence().asMap().entrySet()) {
        sb.append("  ").append(e.getKey()).append(": ").append(Values.text(e.getValue())).append('\n');
      }
      sb.append("  remedy: ").append(f.remedy()).append(" (").append(f.ref()).append(")\n");
    }
    for (Map.Entry<String, Object> e : r.details().asMap().entrySet()) {
      sb.append(e.getKey()).append(": ").append(Values.text(e.getValue())).append('\n');
    }
    return r.status() == Status.PASS && r.findings().isEmpty() && r.details().isEmpty() ? "" : sb.toString();
  }

  private static String seconds(java.time.Duration d) {
    return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).toPlainString();
  }

  /** Replaces characters XML 1.0 cannot carry. */
  static String clean(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF && !Character.isSurrogate(c)
          || c >= 0xE000 && c <= 0xFFFD;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (sb != null) {
          sb.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (!ok && sb == null) {
        sb = new StringBuilder(s.length());
        sb.append(s, 0, i);
      }
      if (sb != null) {
        sb.append(ok ? c : '\uFFFD');
      }
    }
    return sb == null ? s : sb.toString();
  }
}
