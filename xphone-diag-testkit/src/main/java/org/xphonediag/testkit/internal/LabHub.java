package org.xphonediag.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's SignalR hub: negotiate (version 1), WebSockets (frames read as binary or text, as the
 * Java client sends binary), long polling (first poll answered at once, later polls held until a
 * message or the poll wait, 204 after close), the JSON protocol handshake
 * ({@code {"protocol":"json","version":1}} answered {@code {}} + 0x1E), pings ({@code {"type":6}})
 * sent on a schedule, completions for invocations and close ({@code {"type":7}}).
 */
public final class LabHub {
  static final char RS = '\u001e';
  private static final Logger LOG = LoggerFactory.getLogger(LabHub.class);

  private final Map<String, Conn> connections = new ConcurrentHashMap<>();
  private final Duration pollWait;
  private final boolean silent;
  private volatile boolean closing;

  /**
   * A hub whose long polls wait at most {@code pollWait}; a {@code silent} hub answers the
   * handshake and then sends nothing (no pings, no completions).
   */
  public LabHub(Duration pollWait, boolean silent) {
    this.pollWait = pollWait;
    this.silent = silent;
  }

  private static final class Conn {
    final String id;
    final BlockingQueue<String> outbound = new LinkedBlockingQueue<>();
    volatile WebSocket ws;
    volatile boolean handshaken;
    volatile boolean closed;
    volatile boolean polledOnce;

    Conn(String id) {
      this.id = id;
    }
  }

  /** Answers negotiate with a new connection and both transports. */
  public MockResponse negotiate() {
    String id = UUID.randomUUID().toString();
    connections.put(id, new Conn(id));
    String body = "{\"negotiateVersion\":1,\"connectionId\":\"" + id + "\",\"connectionToken\":\"" + id + "\","
        + "\"availableTransports\":[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
        + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]}";
    return json(200, body);
  }

  /** Handles a request to the hub path carrying {@code ?id=}. */
  public MockResponse handle(RecordedRequest request, boolean webSocketsBlocked) throws InterruptedException {
    String id = request.getUrl().queryParameter("id");
    Conn c = id == null ? null : connections.get(id);
    if (c == null) {
      return json(404, "{\"error\":\"No Connection with that ID\"}");
    }
    String upgrade = request.getHeaders().get("Upgrade");
    String method = request.getMethod();
    if ("GET".equals(method) && upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
      if (webSocketsBlocked) {
        return new MockResponse.Builder().code(403).body("WebSocket upgrade not allowed").build();
      }
      return new MockResponse.Builder().webSocketUpgrade(listener(c)).build();
    }
    if ("GET".equals(method)) {
      return poll(c);
    }
    if ("POST".equals(method)) {
      receive(c, request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8));
      return new MockResponse.Builder().code(200).body("").build();
    }
    if ("DELETE".equals(method)) {
      c.closed = true;
      c.outbound.offer("");
      connections.remove(c.id);
      return new MockResponse.Builder().code(202).body("").build();
    }
    return new MockResponse.Builder().code(405).build();
  }

  private MockResponse poll(Conn c) throws InterruptedException {
    if (c.closed || closing) {
      return new MockResponse.Builder().code(204).build();
    }
    if (!c.polledOnce) {
      c.polledOnce = true;
      return new MockResponse.Builder().code(200).body("").build();
    }
    String first = c.outbound.poll(pollWait.toMillis(), TimeUnit.MILLISECONDS);
    if (c.closed || closing) {
      return new MockResponse.Builder().code(204).build();
    }
    StringBuilder sb = new StringBuilder(first == null ? "" : first);
    String more;
    while ((more = c.outbound.poll()) != null) {
      sb.append(more);
    }
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
        .body(sb.toString()).build();
  }

  private WebSocketListener listener(Conn c) {
    return new WebSocketListener() {
      @Override
      public void onOpen(WebSocket webSocket, Response response) {
        c.ws = webSocket;
      }

      @Override
      public void onMessage(WebSocket webSocket, ByteString bytes) {
        receive(c, bytes.utf8());
      }

      @Override
      public void onMessage(WebSocket webSocket, String text) {
        receive(c, text);
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        c.closed = true;
        connections.remove(c.id);
        webSocket.close(1000, null);
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        c.closed = true;
        connections.remove(c.id);
      }
    };
  }

  private void receive(Conn c, String frames) {
    for (String msg : frames.split(String.valueOf(RS))) {
      if (msg.isBlank()) {
        continue;
      }
      if (!c.handshaken) {
        if (msg.contains("\"protocol\"") && msg.contains("\"json\"")) {
          c.handshaken = true;
          send(c, "{}" + RS);
        } else {
          send(c, "{\"error\":\"Requested protocol is not supported by the lab\"}" + RS);
        }
        continue;
      }
      if (msg.contains("\"type\":7")) {
        c.closed = true;
        connections.remove(c.id);
      } else if (!silent && msg.contains("\"type\":1") && msg.contains("\"invocationId\"")) {
        String inv = msg.replaceAll(".*\"invocationId\"\\s*:\\s*\"([^\"]*)\".*", "$1");
        String target = msg.replaceAll(".*\"target\"\\s*:\\s*\"([^\"]*)\".*", "$1");
        // like ASP.NET Core: an unknown hub method is answered with an error completion
        send(c, "{\"type\":3,\"invocationId\":\"" + inv + "\",\"error\":\"Failed to invoke '" + target
            + "' due to an error on the server. HubException: Method does not exist.\"}" + RS);
      }
    }
  }

  private void send(Conn c, String text) {
    WebSocket ws = c.ws;
    if (ws != null) {
      ws.send(text);
    } else {
      c.outbound.offer(text);
    }
  }

  /** Sends a ping to every connection that finished its handshake. */
  public void pingAll() {
    if (silent) {
      return;
    }
    for (Conn c : connections.values()) {
      if (c.handshaken && !c.closed) {
        send(c, "{\"type\":6}" + RS);
      }
    }
  }

  /** Ends every connection: polls answer 204, WebSockets are closed. */
  public void close() {
    closing = true;
    for (Conn c : connections.values()) {
      c.closed = true;
      c.outbound.offer("");
      WebSocket ws = c.ws;
      if (ws != null) {
        ws.cancel();
      }
    }
    connections.clear();
    LOG.debug("lab hub closed");
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body).build();
  }
}
