package org.xphonediag.sip.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A SIP request read as text (RFC 3261 §7) for the loopback responder: the request line, the
 * headers in order, the body. Only what a responder needs; caps the message at 64 KiB.
 */
public final class SipText {
  /** The largest message read. */
  public static final int MAX_MESSAGE = 64 * 1024;
  private static final String[][] COMPACT = {{"v", "via"}, {"f", "from"}, {"t", "to"}, {"i", "call-id"},
      {"l", "content-length"}, {"m", "contact"}, {"c", "content-type"}};

  private final String method;
  private final List<String[]> headers;
  private final byte[] body;

  private SipText(String method, List<String[]> headers, byte[] body) {
    this.method = method;
    this.headers = headers;
    this.body = body;
  }

  /** The method of the request line. */
  public String method() {
    return method;
  }

  /** The body (an SDP for INVITE), possibly empty. */
  public byte[] body() {
    return body.clone();
  }

  /** Every value of header {@code name} (compact forms included), in order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (String[] h : headers) {
      if (h[0].equals(name)) {
        out.add(h[1]);
      }
    }
    return out;
  }

  /** The first value of header {@code name}. */
  public Optional<String> first(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Parses one datagram; empty when it is no request (a response, a keep-alive). */
  public static Optional<SipText> parse(byte[] data, int length) {
    String text = new String(data, 0, Math.min(length, MAX_MESSAGE), StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    int sep = 4;
    if (end < 0) {
      end = text.indexOf("\n\n");
      sep = 2;
    }
    String head = end < 0 ? text : text.substring(0, end);
    byte[] body = end < 0 ? new byte[0]
        : text.substring(end + sep).getBytes(StandardCharsets.UTF_8);
    return parseHead(head, body);
  }

  /** Reads one request from a stream (TCP); empty at end of stream or for a response. */
  public static Optional<SipText> read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return Optional.empty();
      }
      if (head.size() == 0 && (b == '\r' || b == '\n')) {
        continue; // keep-alive CRLFs between messages
      }
      head.write(b);
      if (head.size() > MAX_MESSAGE) {
        throw new IOException("SIP header section longer than " + MAX_MESSAGE + " bytes");
      }
      last4 = (last4 << 8) | b;
      if (last4 == 0x0d0a0d0a || (last4 & 0xffff) == 0x0a0a) {
        break;
      }
    }
    String headText = head.toString(StandardCharsets.UTF_8).strip();
    Optional<SipText> probe = parseHead(headText, new byte[0]);
    if (probe.isEmpty()) {
      return Optional.empty();
    }
    int len = probe.get().first("content-length").map(v -> parseLength(v)).orElse(0);
    byte[] body = in.readNBytes(len);
    return parseHead(headText, body);
  }

  private static int parseLength(String v) {
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 0 || n > MAX_MESSAGE) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Optional<SipText> parseHead(String head, byte[] body) {
    String[] lines = head.split("\r?\n");
    if (lines.length == 0 || lines[0].startsWith("SIP/2.0") || !lines[0].endsWith("SIP/2.0")) {
      return Optional.empty();
    }
    String method = lines[0].split(" ", 2)[0].toUpperCase(Locale.ROOT);
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      for (String[] c : COMPACT) {
        if (c[0].equals(name)) {
          name = c[1];
        }
      }
      headers.add(new String[] {name, lines[i].substring(colon + 1).strip()});
    }
    return Optional.of(new SipText(method, headers, body));
  }
}
