package org.xphonediag.webapi.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.CheckContext;

/**
 * A plain WebSocket opening handshake (RFC 6455 §4.1) to the hub, without SignalR on top, to see
 * what answers an upgrade (docs/field-guide.md#appsettings-json, #proxies): the server's {@code 101 Switching Protocols}, or a
 * proxy's refusal with its status, page and headers. An accepted socket is closed at once (close
 * code 1000). Bounded by the session's call timeout and the check's remaining time; cancellation
 * cancels the attempt. The token goes as {@code Authorization: Bearer} and never into the result.
 */
final class UpgradeProbe {
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeProbe.class);
  /** Most bytes of a refusal's page read. */
  static final long PAGE_CAP = 64 * 1024;
  private static final long CLOSE_GRACE_MS = 500;

  /**
   * What answered the upgrade.
   *
   * @param accepted true for a 101 with a valid {@code Sec-WebSocket-Accept}
   * @param page the answer's status and page, empty when nothing answered
   * @param error what went wrong, empty for an accepted upgrade
   */
  record Outcome(boolean accepted, Optional<PageEvidence> page, String error) {
    /** For messages: {@code HTTP 403 (text/html, titled ...)} or the error. */
    String describe() {
      if (accepted) {
        return "HTTP 101 (the upgrade was accepted)";
      }
      return page.map(PageEvidence::describe).orElse("no HTTP answer: " + error);
    }

    /** As report details. */
    Map<String, Object> details() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accepted", accepted);
      page.ifPresent(p -> {
        m.put("status", p.status());
        if (!p.contentType().isEmpty()) {
          m.put("contentType", p.contentType());
        }
        p.title().ifPresent(t -> m.put("title", t));
        p.server().ifPresent(s -> m.put("server", s));
        p.via().ifPresent(v -> m.put("via", v));
        if (!p.cookieNames().isEmpty()) {
          m.put("cookies", p.cookieNames());
        }
        p.proxy().ifPresent(x -> m.put("proxy", x));
      });
      if (!error.isEmpty()) {
        m.put("error", error);
      }
      return m;
    }
  }

  private UpgradeProbe() {}

  /** Tries the upgrade of {@code url} (http/https; sent as the WebSocket's GET) with {@code http}'s settings. */
  static Outcome run(CheckContext ctx, WebHttp http, HttpUrl url, char[] bearer) throws InterruptedException {
    Duration remaining = ctx.remaining();
    Duration timeout = remaining.compareTo(http.options().callTimeout()) < 0 ? remaining : http.options().callTimeout();
    if (timeout.isZero()) {
      return new Outcome(false, Optional.empty(), "not tried: the check's budget had ended");
    }
    OkHttpClient client = http.client().newBuilder().callTimeout(timeout).pingInterval(Duration.ZERO).build();
    Request.Builder rb = new Request.Builder().url(url);
    if (bearer != null) {
      rb.header("Authorization", "Bearer " + new String(bearer));
    }
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    CountDownLatch ended = new CountDownLatch(1);
    WebSocket ws = client.newWebSocket(rb.build(), new WebSocketListener() {
      @Override
      public void onClosed(WebSocket webSocket, int code, String reason) {
        ended.countDown();
      }

      @Override
      public void onOpen(WebSocket webSocket, Response response) {
        result.complete(new Outcome(true, Optional.of(PageEvidence.of(response.code(), headers(response), new byte[0])),
            ""));
        webSocket.close(1000, null);
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        ended.countDown();
        if (response == null) {
          result.complete(new Outcome(false, Optional.empty(), SignalRProbe.describe(t)));
          return;
        }
        byte[] body = new byte[0];
        try {
          body = response.peekBody(PAGE_CAP).bytes();
        } catch (IOException | RuntimeException e) {
          // the page could not be read: the status and headers are evidence enough
          LOG.debug("reading the refusal of the upgrade of {} failed: {}", url, SignalRProbe.describe(e));
        }
        result.complete(new Outcome(false, Optional.of(PageEvidence.of(response.code(), headers(response), body)),
            SignalRProbe.describe(t)));
      }
    });
    long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
    try {
      while (true) {
        ctx.checkCancelled();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return new Outcome(false, Optional.empty(), "no answer to the upgrade within " + timeout.toMillis() + " ms");
        }
        try {
          Outcome o = result.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
          if (o.accepted()) {
            // the close handshake normally ends at once; cancelling after it cuts nothing
            ended.await(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
          }
          return o;
        } catch (TimeoutException e) {
          // poll the cancellation flag again
        } catch (ExecutionException e) {
          return new Outcome(false, Optional.empty(), SignalRProbe.describe(e.getCause()));
        }
      }
    } finally {
      ws.cancel();
    }
  }

  private static Map<String, List<String>> headers(Response response) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    for (String name : response.headers().names()) {
      h.put(name.toLowerCase(Locale.ROOT), response.headers(name));
    }
    return h;
  }
}
