package org.xphonediag.testkit.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A SIP request as the responder reads it (RFC 3261 §7): the method of the request line and the
 * header fields in order, names lower-cased with the compact forms of §7.3.3 expanded and folded
 * lines (§7.3.1) joined. Written apart from the sip module on purpose: a parser bug there cannot
 * hide behind its own fake. Messages are capped at 64 KiB.
 */
final class SipRequest {
  static final int MAX_MESSAGE = 64 * 1024;
  private static final String[][] COMPACT = {{"v", "via"}, {"f", "from"}, {"t", "to"}, {"i", "call-id"},
      {"l", "content-length"}, {"m", "contact"}, {"c", "content-type"}, {"k", "supported"}, {"s", "subject"}};

  private final String method;
  private final List<String[]> fields;

  private SipRequest(String method, List<String[]> fields) {
    this.method = method;
    this.fields = fields;
  }

  /** The method, upper case. */
  String method() {
    return method;
  }

  /** Every value of header field {@code name} (lower case, long form), in order. */
  List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (String[] f : fields) {
      if (f[0].equals(name)) {
        out.add(f[1]);
      }
    }
    return out;
  }

  /** The first value of header field {@code name} (lower case, long form). */
  Optional<String> first(String name) {
    for (String[] f : fields) {
      if (f[0].equals(name)) {
        return Optional.of(f[1]);
      }
    }
    return Optional.empty();
  }

  /** One datagram (UDP); empty when it holds no request (a response, a keep-alive). */
  static Optional<SipRequest> parse(byte[] data, int length) {
    String text = new String(data, 0, Math.min(length, MAX_MESSAGE), StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      end = text.indexOf("\n\n");
    }
    return parseHead(end < 0 ? text : text.substring(0, end));
  }

  /**
   * One request from a stream (TCP): the header section up to the empty line, then
   * Content-Length bytes of body, which are skipped. Empty at the end of the stream.
   */
  static Optional<SipRequest> read(InputStream in) throws IOException {
    while (true) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int tail = 0;
      while (true) {
        int b = in.read();
        if (b < 0) {
          return Optional.empty();
        }
        if (head.size() == 0 && (b == '\r' || b == '\n')) {
          continue; // CRLF keep-alives between messages (RFC 5626 §3.5.1)
        }
        head.write(b);
        if (head.size() > MAX_MESSAGE) {
          throw new IOException("SIP header section longer than " + MAX_MESSAGE + " bytes");
        }
        tail = (tail << 8) | b;
        if (tail == 0x0d0a0d0a || (tail & 0xffff) == 0x0a0a) {
          break;
        }
      }
      Optional<SipRequest> request = parseHead(head.toString(StandardCharsets.UTF_8).strip());
      int bodyLength = request.flatMap(r -> r.first("content-length")).map(SipRequest::length)
          .orElse(0);
      in.skipNBytes(bodyLength);
      if (request.isPresent()) {
        return request;
      }
    }
  }

  private static int length(String value) {
    try {
      int n = Integer.parseInt(value.strip());
      return n < 0 || n > MAX_MESSAGE ? 0 : n;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Optional<SipRequest> parseHead(String head) {
    String[] lines = head.split("\r?\n");
    // Request-Line = Method SP Request-URI SP SIP-Version (RFC 3261 §7.1); a response starts with the version
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3 || !requestLine[2].equals("SIP/2.0") || requestLine[0].startsWith("SIP/")) {
      return Optional.empty();
    }
    List<String[]> fields = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
        String[] last = fields.get(fields.size() - 1);
        last[1] = last[1] + " " + line.strip();
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      for (String[] c : COMPACT) {
        if (c[0].equals(name)) {
          name = c[1];
        }
      }
      fields.add(new String[] {name, line.substring(colon + 1).strip()});
    }
    return Optional.of(new SipRequest(requestLine[0].toUpperCase(Locale.ROOT), fields));
  }
}
