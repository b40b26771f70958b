package org.xphonediag.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.SourceLocation;

/**
 * Writes the stable {@code xphone-diag/1} JSON document (ARCHITECTURE.md "The CLI contract",
 * schema in the bundled resource {@code report-schema.json}). Durations are numbers of milliseconds (at most three
 * decimals); statuses and severities are upper case.
 */
public final class JsonReportWriter implements ReportWriter {
  /** The schema name written into every document. */
  public static final String SCHEMA = "xphone-diag/1";

  private static final JsonFactory FACTORY = new JsonFactory();
  private final boolean pretty;

  /** A pretty-printing writer. */
  public JsonReportWriter() {
    this(true);
  }

  /** A writer that pretty-prints or writes one line. */
  public JsonReportWriter(boolean pretty) {
    this.pretty = pretty;
  }

  @Override
  public void write(Report report, Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    if (pretty) {
      g.useDefaultPrettyPrinter();
    }
    g.writeStartObject();
    g.writeStringField("schema", SCHEMA);
    g.writeStringField("command", report.command());
    g.writeStringField("status", report.status().name());
    g.writeBooleanField("cancelled", report.cancelled());
    g.writeStringField("startedAt", report.startedAt().toString());
    g.writeFieldName("elapsedMs");
    g.writeNumber(Values.millis(report.elapsed()));
    g.writeArrayFieldStart("notes");
    for (String n : report.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("results");
    for (CheckResult r : report.results()) {
      writeResult(g, r);
    }
    g.writeEndArray();
    g.writeFieldName("data");
    writeDetails(g, report.data());
    g.writeEndObject();
    g.flush();
    if (pretty) {
      out.write(System.lineSeparator());
    }
  }

  private static void writeResult(JsonGenerator g, CheckResult r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id().value());
    g.writeStringField("title", r.title());
    g.writeStringField("status", r.status().name());
    g.writeStringField("summary", r.summary());
    g.writeFieldName("elapsedMs");
    g.writeNumber(Values.millis(r.elapsed()));
    g.writeArrayFieldStart("findings");
    for (Finding f : r.findings()) {
      writeFinding(g, f);
    }
    g.writeEndArray();
    g.writeFieldName("details");
    writeDetails(g, r.details());
    if (r.cause().isPresent()) {
      Throwable t = r.cause().get();
      g.writeObjectFieldStart("error");
      g.writeStringField("type",
          t instanceof JsonReportReader.RecordedError recorded ? recorded.type() : t.getClass().getName());
      g.writeStringField("message", t.getMessage() == null ? "" : t.getMessage());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", f.code());
    g.writeStringField("severity", f.severity().name());
    g.writeStringField("title", f.title());
    g.writeStringField("message", f.message());
    g.writeStringField("remedy", f.remedy());
    g.writeStringField("ref", f.ref());
    if (f.location().isPresent()) {
      SourceLocation l = f.location().get();
      g.writeObjectFieldStart("location");
      g.writeStringField("source", l.source());
      if (l.line().isPresent()) {
        g.writeNumberField("line", l.line().getAsInt());
      }
      if (l.column().isPresent()) {
        g.writeNumberField("column", l.column().getAsInt());
      }
      if (l.byteOffset().isPresent()) {
        g.writeNumberField("byteOffset", l.byteOffset().getAsLong());
      }
      if (l.path().isPresent()) {
        g.writeStringField("path", l.path().get());
      }
      g.writeEndObject();
    }
    g.writeFieldName("evidence");
    writeDetails(g, f.evidence());
    g.writeEndObject();
  }

  private static void writeDetails(JsonGenerator g, Details d) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Object> e : d.asMap().entrySet()) {
      g.writeFieldName(e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Secret) {
      g.writeString(Secret.MASK);
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger bi) {
      g.writeNumber(bi);
    } else if (v instanceof BigDecimal bd) {
      g.writeNumber(bd);
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (v instanceof Duration dur) {
      g.writeNumber(Values.millis(dur));
    } else if (v instanceof Details nested) {
      writeDetails(g, nested);
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(String.valueOf(v));
    }
  }
}
