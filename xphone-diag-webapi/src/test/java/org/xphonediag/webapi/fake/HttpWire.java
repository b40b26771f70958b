package org.xphonediag.webapi.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 messages on a socket as RFC 9112 describes them, as far as the fake needs: a request
 * line, header fields, a body framed by {@code Content-Length} (RFC 9112 §6.2; requests with
 * {@code Transfer-Encoding} are refused with 411), and responses always framed by {@code
 * Content-Length}. Header names are compared case-insensitively (RFC 9110 §5.1).
 */
final class HttpWire {
  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADERS = 100;
  private static final int MAX_BODY = 1024 * 1024;

  private HttpWire() {}

  /** A request as received; header names lower case. */
  record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
      byte[] body) {
    Optional<String> header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    boolean headerHasToken(String name, String token) {
      List<String> v = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      for (String value : v) {
        for (String t : value.split(",")) {
          if (t.trim().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
      return false;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A response to write; {@code headers} in order, the framing headers are added by {@link #write}. */
  record Response(int status, String reason, List<String[]> headers, byte[] body) {
    static Response of(int status, String reason, String contentType, String body) {
      List<String[]> h = new ArrayList<>();
      if (contentType != null) {
        h.add(new String[] {"Content-Type", contentType});
      }
      return new Response(status, reason, h, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response json(int status, String reason, String body) {
      return of(status, reason, "application/json; charset=utf-8", body);
    }

    static Response empty(int status, String reason) {
      return new Response(status, reason, new ArrayList<>(), new byte[0]);
    }

    Response with(String name, String value) {
      List<String[]> h = new ArrayList<>(headers);
      h.add(new String[] {name, value});
      return new Response(status, reason, h, body);
    }
  }

  /** Thrown for a request that breaks the framing rules; the connection is answered and closed. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** Reads one request; null when the peer closed the connection before a request line. */
  static Request read(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "request line must be 'METHOD target HTTP/1.x' but was '" + line + "'");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int n = 0; ; n++) {
      String h = readLine(in);
      if (h == null) {
        throw new BadRequest(400, "connection closed inside the header section");
      }
      if (h.isEmpty()) {
        break;
      }
      if (n >= MAX_HEADERS) {
        throw new BadRequest(431, "more than " + MAX_HEADERS + " header fields");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "header field without a name: '" + h + "'");
      }
      headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    if (headers.containsKey("transfer-encoding")) {
      throw new BadRequest(411, "request bodies must have a Content-Length");
    }
    byte[] body = new byte[0];
    List<String> length = headers.get("content-length");
    if (length != null) {
      int n;
      try {
        n = Integer.parseInt(length.get(0));
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "Content-Length must be a number but was '" + length.get(0) + "'");
      }
      if (n < 0 || n > MAX_BODY) {
        throw new BadRequest(413, "Content-Length must be 0.." + MAX_BODY + " but was " + n);
      }
      body = in.readNBytes(n);
      if (body.length != n) {
        throw new BadRequest(400, "body ended after " + body.length + " of " + n + " bytes");
      }
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    return new Request(parts[0], path, query, headers, body);
  }

  /** Writes {@code r} with {@code Content-Length} (and {@code Connection: close} when {@code close}). */
  static void write(OutputStream out, Response r, boolean close) throws IOException {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
    for (String[] h : r.headers()) {
      sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    sb.append("Content-Length: ").append(r.body().length).append("\r\n");
    if (close) {
      sb.append("Connection: close\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(r.body());
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int prev = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (buf.size() == 0) {
          return null;
        }
        throw new BadRequest(400, "connection closed inside a line");
      }
      if (b == '\n' && prev == '\r') {
        byte[] bytes = buf.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      if (buf.size() >= MAX_LINE) {
        throw new BadRequest(431, "line longer than " + MAX_LINE + " bytes");
      }
      buf.write(b);
      prev = b;
    }
  }
}
