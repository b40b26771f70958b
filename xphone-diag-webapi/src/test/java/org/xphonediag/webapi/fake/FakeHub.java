package org.xphonediag.webapi.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.xphonediag.webapi.fake.HttpWire.Request;
import org.xphonediag.webapi.fake.HttpWire.Response;

/**
 * A SignalR hub endpoint written from the ASP.NET Core specifications (TransportProtocols.md,
 * HubProtocol.md in dotnet/aspnetcore {@code src/SignalR/docs/specs}): negotiate in version 0
 * ({@code connectionId} only) and version 1 ({@code connectionToken} as well), WebSockets (the
 * {@code id} is optional; without one a new connection starts), long polling (the first poll
 * completes at once, later polls wait for messages or the poll wait and answer 200 with an empty
 * body, 204 once the connection was deleted, 404 for an unknown id) with HTTP POST sends and
 * DELETE, and the JSON hub protocol: the handshake {@code {"protocol":"json","version":1}}
 * answered {@code {}}, records ended by 0x1E, invocations of a method the hub does not have
 * answered with an error completion, pings sent by {@link #pingAll()}, close (type 7).
 * ServerSentEvents is offered as ASP.NET Core offers it but not served.
 */
final class FakeHub {
  static final char RS = '\u001e';
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean webSockets;
  private final boolean version1;
  private final Duration pollWait;
  private final Map<String, Conn> connections = new ConcurrentHashMap<>();
  private final java.util.List<String> issuedTokens = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static final class Conn {
    final String id;
    final BlockingQueue<String> outbound = new LinkedBlockingQueue<>();
    volatile WebSocketWire ws;
    volatile boolean handshaken;
    volatile boolean closed;
    volatile boolean polledOnce;

    Conn(String id) {
      this.id = id;
    }
  }

  /**
   * A hub offering WebSockets when {@code webSockets}, answering negotiate in version 1 when
   * {@code version1} (else always version 0), holding long polls at most {@code pollWait}.
   */
  FakeHub(boolean webSockets, boolean version1, Duration pollWait) {
    this.webSockets = webSockets;
    this.version1 = version1;
    this.pollWait = pollWait;
  }

  boolean offersWebSockets() {
    return webSockets;
  }

  /** {@code POST [hub]/negotiate?negotiateVersion=N}. */
  Response negotiate(Request r) {
    int requested = 0;
    try {
      requested = Integer.parseInt(r.query().getOrDefault("negotiateVersion", "0"));
    } catch (NumberFormatException e) {
      return Response.json(400, "Bad Request", "{\"error\":\"negotiateVersion must be a number\"}");
    }
    int version = version1 ? Math.min(1, Math.max(0, requested)) : 0;
    String id = UUID.randomUUID().toString();
    String token = version >= 1 ? UUID.randomUUID().toString() : id;
    connections.put(token, new Conn(id));
    if (version >= 1) {
      issuedTokens.add(token);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("negotiateVersion", version);
    body.put("connectionId", id);
    if (version >= 1) {
      body.put("connectionToken", token);
    }
    ArrayNode transports = body.putArray("availableTransports");
    if (webSockets) {
      transport(transports, "WebSockets", "Text", "Binary");
    }
    transport(transports, "ServerSentEvents", "Text");
    transport(transports, "LongPolling", "Text", "Binary");
    return Response.json(200, "OK", body.toString());
  }

  private static void transport(ArrayNode list, String name, String... formats) {
    ObjectNode t = list.addObject().put("transport", name);
    ArrayNode f = t.putArray("transferFormats");
    for (String format : formats) {
      f.add(format);
    }
  }

  /** Every connection token negotiate handed out (secrets: they must appear in no report). */
  java.util.List<String> issuedTokens() {
    return java.util.List.copyOf(issuedTokens);
  }

  /** Whether a WebSocket request for {@code r}'s id may be accepted: no id, or a known one. */
  boolean knows(Request r) {
    String id = r.query().get("id");
    return id == null || connections.containsKey(id);
  }

  /** Runs an accepted WebSocket until it closes (on the calling thread). */
  void runWebSocket(Request r, WebSocketWire ws) throws IOException {
    String id = r.query().get("id");
    Conn c;
    if (id == null) {
      String fresh = UUID.randomUUID().toString();
      c = new Conn(fresh);
      connections.put(fresh, c);
      id = fresh;
    } else {
      c = connections.get(id);
    }
    c.ws = ws;
    try {
      while (!c.closed) {
        WebSocketWire.Message m = ws.read();
        if (m.opcode() == WebSocketWire.CLOSE) {
          int code = m.payload().length >= 2 ? ((m.payload()[0] & 0xff) << 8) | (m.payload()[1] & 0xff) : 1005;
          ws.sendClose(code == 1005 ? 1000 : code);
          break;
        }
        receive(c, m.text());
      }
      if (c.closed) {
        ws.sendClose(1000);
      }
    } finally {
      c.closed = true;
      connections.remove(id);
    }
  }

  /** Long polling and its HTTP POST and DELETE on the hub path. */
  Response longPolling(Request r) throws InterruptedException {
    String id = r.query().get("id");
    if (id == null) {
      return Response.of(400, "Bad Request", "text/plain", "Connection ID required");
    }
    Conn c = connections.get(id);
    if (c == null) {
      return Response.of(404, "Not Found", "text/plain", "No Connection with that ID");
    }
    switch (r.method()) {
      case "GET":
        return poll(c);
      case "POST":
        receive(c, r.text());
        return Response.empty(200, "OK");
      case "DELETE":
        c.closed = true;
        c.outbound.offer("");
        connections.remove(id);
        return Response.of(202, "Accepted", "text/plain", "");
      default:
        return Response.empty(405, "Method Not Allowed");
    }
  }

  private Response poll(Conn c) throws InterruptedException {
    if (c.closed) {
      return Response.empty(204, "No Content");
    }
    if (!c.polledOnce) {
      c.polledOnce = true;
      return Response.empty(200, "OK");
    }
    String first = c.outbound.poll(pollWait.toMillis(), TimeUnit.MILLISECONDS);
    if (c.closed) {
      return Response.empty(204, "No Content");
    }
    StringBuilder sb = new StringBuilder(first == null ? "" : first);
    for (String more; (more = c.outbound.poll()) != null; ) {
      sb.append(more);
    }
    return Response.of(200, "OK", "application/octet-stream", sb.toString());
  }

  private void receive(Conn c, String records) {
    for (String record : records.split(String.valueOf(RS))) {
      if (record.isBlank()) {
        continue;
      }
      JsonNode msg;
      try {
        msg = JSON.readTree(record);
      } catch (IOException e) {
        send(c, "{\"type\":7,\"error\":\"Connection closed with an error: the message is not JSON\"}" + RS);
        c.closed = true;
        return;
      }
      if (!c.handshaken) {
        if ("json".equals(msg.path("protocol").asText()) && msg.path("version").asInt() == 1) {
          c.handshaken = true;
          send(c, "{}" + RS);
        } else {
          send(c, "{\"error\":\"Requested protocol '" + msg.path("protocol").asText() + "' is not available.\"}" + RS);
          c.closed = true;
        }
        continue;
      }
      int type = msg.path("type").asInt();
      if (type == 1 && msg.hasNonNull("invocationId")) {
        ObjectNode done = JSON.createObjectNode().put("type", 3).put("invocationId", msg.get("invocationId").asText())
            .put("error", "Failed to invoke '" + msg.path("target").asText()
                + "' due to an error on the server. HubException: Method does not exist.");
        send(c, done + String.valueOf(RS));
      } else if (type == 7) {
        c.closed = true;
        c.outbound.offer("");
      }
    }
  }

  private void send(Conn c, String record) {
    WebSocketWire ws = c.ws;
    if (ws == null) {
      c.outbound.offer(record);
      return;
    }
    try {
      ws.sendText(record);
    } catch (IOException e) {
      c.closed = true;
    }
  }

  /** Sends a ping ({@code {"type":6}}) to every connection past its handshake. */
  void pingAll() {
    for (Conn c : connections.values()) {
      if (c.handshaken && !c.closed) {
        send(c, "{\"type\":6}" + RS);
      }
    }
  }

  /** Ends every connection: waiting polls answer 204. */
  void close() {
    for (Conn c : connections.values()) {
      c.closed = true;
      c.outbound.offer("");
    }
    connections.clear();
  }
}
