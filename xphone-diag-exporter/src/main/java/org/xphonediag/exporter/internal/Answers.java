package org.xphonediag.exporter.internal;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Writing answers and reading query strings for the exporter's HTTP endpoints. */
public final class Answers {
  /** The longest query string read; a longer one is answered 414. */
  public static final int MAX_QUERY = 4096;
  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

  private Answers() {}

  /** Sends {@code text} as {@code text/plain} (a trailing newline is added). */
  public static void text(HttpExchange ex, int status, String text) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends {@code snapshots} in the format the client's {@code Accept} header asks for: OpenMetrics
   * text when Prometheus asks for it, else the Prometheus text format (never protobuf).
   */
  public static void metrics(HttpExchange ex, MetricSnapshots snapshots) throws IOException {
    ExpositionFormatWriter w = writer(ex.getRequestHeaders().getFirst("Accept"));
    ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    w.write(body, snapshots);
    send(ex, 200, w.getContentType(), body.toByteArray());
  }

  /** The writer for an {@code Accept} header: OpenMetrics 1.0 text or the Prometheus text format. */
  public static ExpositionFormatWriter writer(String accept) {
    if (accept != null && FORMATS.getOpenMetricsTextFormatWriter().accepts(accept)) {
      return FORMATS.getOpenMetricsTextFormatWriter();
    }
    return FORMATS.getPrometheusTextFormatWriter();
  }

  /** Sends a body; for HEAD only the headers. */
  public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  /**
   * The query parameters (first value of each name), decoded as UTF-8.
   *
   * @throws ProbeException 414 for a query longer than {@value #MAX_QUERY} characters, 400 for bad escapes
   */
  public static Map<String, String> query(HttpExchange ex) throws ProbeException {
    String raw = ex.getRequestURI().getRawQuery();
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    if (raw.length() > MAX_QUERY) {
      throw new ProbeException(414, "the query string is longer than " + MAX_QUERY + " characters");
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        throw new ProbeException(400, "the query string has a malformed %-escape");
      }
    }
    return out;
  }

  /** True for GET and HEAD; otherwise answers 405 and returns false. */
  public static boolean readOnly(HttpExchange ex) throws IOException {
    String m = ex.getRequestMethod();
    if ("GET".equals(m) || "HEAD".equals(m)) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", "GET, HEAD");
    text(ex, 405, "method " + m + " is not allowed; use GET");
    return false;
  }

  /** A request value for a message: at most 64 characters, anything but printable ASCII as {@code ?}. */
  public static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
