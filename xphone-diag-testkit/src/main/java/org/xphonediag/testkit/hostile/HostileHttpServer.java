package org.xphonediag.testkit.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;

/**
 * A loopback plain-HTTP/1.1 server whose answers are scripted per request: redirect loops and
 * redirects to another host, bodies without end, bodies that drip one byte at a time, requests
 * that are never answered, WebSocket upgrades that stall (RFC 9110, RFC 6455 §4.2.2). It records
 * every request (method, target, headers, body up to 1 MiB) so that a test can assert what a
 * second host received, for instance that no {@code Authorization} header followed a redirect.
 *
 * <p>One request per connection: every scripted response says {@code Connection: close}. Built on
 * {@link HostileTcpServer}; threads and {@link #close()} as there.
 *
 * <pre>{@code
 * try (HostileHttpServer loop = HostileHttpServer.start(r -> HostileHttpServer.redirect(302, r.target()))) {
 *   // every GET is redirected to itself
 * }
 * }</pre>
 */
public final class HostileHttpServer implements AutoCloseable {
  private static final int BODY_CAP = 1024 * 1024;
  private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final HostileTcpServer tcp;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  private HostileHttpServer(InetAddress address, Handler handler) throws IOException {
    Objects.requireNonNull(handler, "handler");
    this.tcp = HostileTcpServer.start(address, c -> {
      Request r = read(c);
      requests.add(r);
      handler.answer(r).serve(c);
    });
  }

  /** Starts a server on a free port of the IPv4 loopback address. */
  public static HostileHttpServer start(Handler handler) throws IOException {
    return new HostileHttpServer(InetAddress.getLoopbackAddress(), handler);
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
  public String url(String path) {
    return "http://" + tcp.address().getAddress().getHostAddress() + ":" + tcp.port() + path;
  }

  /** The port. */
  public int port() {
    return tcp.port();
  }

  /** The requests received so far, in order. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many bytes the scripted answers sent in all. */
  public long bytesSent() {
    return tcp.bytesSent();
  }

  /** The underlying TCP server (connection counts). */
  public HostileTcpServer tcp() {
    return tcp;
  }

  @Override
  public void close() throws InterruptedException {
    tcp.close();
  }

  private static Request read(HostileTcpServer.Connection c) throws IOException {
    String head = new String(c.readHead(), StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] start = lines[0].split(" ", 3);
    if (start.length < 2) {
      throw new IOException("not an HTTP request line: " + lines[0]);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = new byte[0];
    List<String> length = headers.get("content-length");
    if (length != null) {
      long n = Long.parseLong(length.get(0));
      if (n < 0 || n > BODY_CAP) {
        throw new IOException("request body of " + n + " bytes is over the cap of " + BODY_CAP);
      }
      body = c.readExactly((int) n);
    }
    return new Request(start[0], start[1], headers, body);
  }

  /** Answers {@code status} with {@code headers} and {@code body} (Content-Length set), then closes. */
  public static Behavior respond(int status, Map<String, String> headers, byte[] body) {
    StringBuilder sb = head(status, headers).append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] h = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] b = body.clone();
    return c -> {
      c.write(h);
      c.write(b);
    };
  }

  /** Answers {@code status} with a JSON body. */
  public static Behavior json(int status, String json) {
    return respond(status, Map.of("Content-Type", "application/json; charset=utf-8"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers a redirect ({@code 301, 302, 303, 307, 308}) to {@code location}, with an empty body. */
  public static Behavior redirect(int status, String location) {
    return respond(status, Map.of("Location", location), new byte[0]);
  }

  /**
   * Answers the head at once (no Content-Length, so the body ends only when the connection does)
   * and then {@code prefix} followed by {@code x} forever, one byte every {@code interval}: the
   * slow drip that a per-read timeout never catches.
   */
  public static Behavior dripBody(int status, byte[] prefix, Duration interval) {
    byte[] h = head(status, Map.of()).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    return Behavior.send(h).then(Behavior.drip(prefix, (byte) 'x', interval));
  }

  /** Sends the status line and head themselves one byte every {@code interval}, and never ends them. */
  public static Behavior dripHead(Duration interval) {
    byte[] h = "HTTP/1.1 200 OK\r\nX-Drip: ".getBytes(StandardCharsets.ISO_8859_1);
    return Behavior.drip(h, (byte) 'x', interval);
  }

  /**
   * Answers the head (no Content-Length) and then {@code prefix} followed by an endless stream of
   * {@code x}, as fast as the client reads: a body of unbounded size.
   */
  public static Behavior unboundedBody(int status, byte[] prefix) {
    byte[] h = head(status, Map.of()).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    return Behavior.send(h).then(Behavior.send(prefix)).then(Behavior.flood((byte) 'x'));
  }

  /**
   * Accepts a WebSocket upgrade (101 with the {@code Sec-WebSocket-Accept} of RFC 6455 §4.2.2) and
   * then never sends a frame: the client's handshake message is never answered.
   */
  public static Behavior upgradeThenStall(Request r) {
    String key = r.header("sec-websocket-key").orElse("");
    String accept;
    try {
      accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + WS_GUID).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JRE", e);
    }
    byte[] h = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    return Behavior.send(h).then(Behavior.stall());
  }

  private static StringBuilder head(int status, Map<String, String> headers) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    sb.append("Connection: close\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    return sb;
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 404 -> "Not Found";
      default -> "Status";
    };
  }

  /** Picks the script for one request. */
  @FunctionalInterface
  public interface Handler {
    /** The behaviour that answers {@code request} (its head and body are already read). */
    Behavior answer(Request request);
  }

  /**
   * One received request.
   *
   * @param method the method
   * @param target the request target as sent (path and query)
   * @param headers header values by lower-case name
   * @param body the body (at most 1 MiB)
   */
  public record Request(String method, String target, Map<String, List<String>> headers, byte[] body) {
    /** Copies the headers and the body. */
    public Request {
      headers = Map.copyOf(headers);
      body = body.clone();
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The target without its query. */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }
  }
}
