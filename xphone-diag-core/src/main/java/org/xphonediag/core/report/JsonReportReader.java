package org.xphonediag.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.Report;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;

/**
 * Reads an {@code xphone-diag/1} JSON document (as {@link JsonReportWriter} writes it) back into a
 * {@link Report}, e.g. to compare two runs or bundle them into a ticket. Codes missing from this
 * version's catalogue are kept with the title, remedy and reference the document carries.
 * Durations come back with millisecond precision; ERROR causes come back as their type and message.
 */
public final class JsonReportReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonReportReader() {}

  /**
   * Parses {@code json}; {@code source} names it in messages.
   *
   * @throws IOException when it is not JSON or not an {@code xphone-diag/1} report; the message says
   *     which field is wrong
   */
  public static Report read(String json, String source) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IOException(source + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !JsonReportWriter.SCHEMA.equals(root.path("schema").asText())) {
      throw new IOException(source + " is not an xphone-diag report: expected \"schema\": \""
          + JsonReportWriter.SCHEMA + "\"");
    }
    try {
      Report.Builder b = Report.builder(text(root, "command", "document"))
          .cancelled(root.path("cancelled").asBoolean(false))
          .elapsed(millis(root.path("elapsedMs")));
      if (root.hasNonNull("startedAt")) {
        b.startedAt(Instant.parse(root.get("startedAt").asText()));
      }
      for (JsonNode n : root.path("notes")) {
        b.note(n.asText());
      }
      int i = 0;
      for (JsonNode r : root.path("results")) {
        b.result(result(r, "results[" + i++ + "]"));
      }
      b.data(details(root.path("data")));
      return b.build();
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private static CheckResult result(JsonNode r, String where) {
    CheckResult.Builder b = CheckResult.builder(CheckId.of(text(r, "id", where)))
        .title(r.path("title").asText(r.path("id").asText()))
        .status(status(r, where)).summary(r.path("summary").asText(""))
        .elapsed(millis(r.path("elapsedMs"))).details(details(r.path("details")));
    int i = 0;
    for (JsonNode f : r.path("findings")) {
      b.finding(finding(f, where + " findings[" + i++ + "]"));
    }
    if (r.has("error")) {
      b.cause(new RecordedError(r.path("error").path("type").asText("error"),
          r.path("error").path("message").asText("")));
    }
    return b.build();
  }

  private static Finding finding(JsonNode f, String where) {
    String code = text(f, "code", where);
    Status severity = Status.valueOf(text(f, "severity", where).toUpperCase(Locale.ROOT));
    FindingCode entry = FindingCatalog.byCode(code).orElseGet(() -> new FindingCode(code,
        f.path("title").asText(code), severity == Status.WARN ? Status.WARN : Status.FAIL,
        f.path("remedy").asText(""), f.path("ref").asText("")));
    Finding.Builder b = entry.finding(text(f, "message", where)).severity(severity)
        .remedy(f.path("remedy").asText(entry.remedy())).evidence(details(f.path("evidence")));
    JsonNode l = f.path("location");
    if (l.isObject()) {
      String src = l.path("source").asText("?");
      SourceLocation loc = l.has("line") ? SourceLocation.of(src, l.get("line").asInt(), l.path("column").asInt(0))
          : SourceLocation.of(src);
      if (l.has("byteOffset")) {
        loc = loc.withByteOffset(l.get("byteOffset").asLong());
      }
      if (l.has("path")) {
        loc = loc.withPath(l.get("path").asText());
      }
      b.location(loc);
    }
    return b.build();
  }

  private static Status status(JsonNode n, String where) {
    try {
      return Status.valueOf(text(n, "status", where));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": status must be one of PASS, SKIPPED, WARN, FAIL, ERROR but was '"
          + n.path("status").asText() + "'", e);
    }
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static Duration millis(JsonNode n) {
    if (!n.isNumber()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(n.decimalValue().movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP)
        .longValue());
  }

  private static Details details(JsonNode n) {
    Details.Builder b = Details.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.put(e.getKey(), value(e.getValue()));
    }
    return b.build();
  }

  private static Object value(JsonNode n) {
    if (n.isObject()) {
      return details(n);
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(value(x)));
      return l;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      BigDecimal d = n.decimalValue();
      return d;
    }
    return n.isNull() ? "null" : n.asText();
  }

  /** The cause of an ERROR result as a document recorded it. */
  public static final class RecordedError extends Exception {
    private final String type;

    RecordedError(String type, String message) {
      super(message);
      this.type = type;
    }

    /** The exception type the document names. */
    public String type() {
      return type;
    }

    @Override
    public String toString() {
      return type + ": " + getMessage();
    }
  }
}
