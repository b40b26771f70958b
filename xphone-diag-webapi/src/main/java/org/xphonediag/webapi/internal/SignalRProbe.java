package org.xphonediag.webapi.internal;

import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HttpRequestException;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.CheckContext;

/**
 * Starts the official SignalR Java client on one transport and proves the server-to-client
 * direction (docs/field-guide.md#connection-test step 4): either the hub answers an invocation of a method it does not have
 * (a completion, normally at once), or, failing that, the connection stays open for the bound
 * with the client's server timeout set to the bound, which it only does when a message or
 * keep-alive arrived in that time. The second way holds for WebSockets only: the client does not
 * apply its server timeout to long polling.
 * The connection is always stopped and closed, also after a failed start (DEPENDENCIES.md); the
 * stop waits at most the check's remaining time (at least 100 ms, at most 2 s). The token
 * never leaves the hub's host and port: a negotiate redirect that would carry it elsewhere is
 * refused.
 */
final class SignalRProbe {
  private static final Logger LOG = LoggerFactory.getLogger(SignalRProbe.class);
  private static final AtomicInteger PROBES = new AtomicInteger();
  /** A hub method no server has; the answer is a completion with an error. */
  static final String PROBE_METHOD = "XPhoneDiagProbe";
  /** Bounds of the stop after a probe: at least this, at most {@link #STOP_MAX}, else the check's remaining time. */
  private static final Duration STOP_MIN = Duration.ofMillis(100);
  private static final Duration STOP_MAX = Duration.ofSeconds(2);

  /** What happened on one transport. */
  record Outcome(boolean started, boolean serverToClient, int status, String error, Duration startTime) {
    boolean works() {
      return started && serverToClient;
    }
  }

  private SignalRProbe() {}

  static Outcome run(CheckContext ctx, SessionState state, String hubUrl, TransportEnum transport, Duration bound)
      throws InterruptedException {
    if (ctx.remaining().isZero()) {
      return new Outcome(false, false, 0, "not tried: the check's budget had ended", Duration.ZERO);
    }
    int n = PROBES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = new ThreadPoolExecutor(0, 8, 2, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "xphone-diag-signalr-" + n + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      // the client's WebSocket listener rethrows a late transport failure (after the probe gave
      // up on a stalled handshake) on okhttp's thread: keep it out of stderr and the caller's way
      t.setUncaughtExceptionHandler((thread, e) -> LOG.debug("SignalR client failure on {} after the probe: {}",
          thread.getName(), describe(e)));
      return t;
    });
    ConnectionPool pool = new ConnectionPool(1, 1, TimeUnit.SECONDS);
    Dispatcher dispatcher = new Dispatcher(executor);
    char[] token = state.token();
    String bearer = token == null ? "" : new String(token);
    if (token != null) {
      Arrays.fill(token, '\0');
    }
    HttpHubConnectionBuilder builder = HubConnectionBuilder.create(hubUrl).withTransport(transport)
        .withHandshakeResponseTimeout(Math.max(1, Math.min(state.options().callTimeout().toMillis(),
            ctx.remaining().toMillis())))
        .withServerTimeout(Math.max(1, bound.toMillis()))
        .setHttpClientBuilderCallback(b -> {
          state.http().configure(b);
          b.dispatcher(dispatcher).connectionPool(pool).addInterceptor(sameHostOnly(hubUrl, bearer))
              .addInterceptor(bufferedBodies(state.options().bodyCap()));
        });
    if (!bearer.isEmpty()) {
      builder.withAccessTokenProvider(Single.defer(() -> Single.just(bearer)));
    }
    HubConnection hub = builder.build();
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<Exception> closeCause = new AtomicReference<>();
    hub.onClosed(e -> {
      closeCause.set(e);
      closed.countDown();
    });
    long start = System.nanoTime();
    try {
      CompletableFuture<Void> started = new CompletableFuture<>();
      hub.start().subscribe(() -> started.complete(null), started::completeExceptionally);
      Duration startLimit = min(state.options().callTimeout().multipliedBy(2), ctx.remaining());
      try {
        await(ctx, started, startLimit);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        int status = c instanceof HttpRequestException h ? h.getStatusCode() : 0;
        return new Outcome(false, false, status, scrub(describe(c), bearer), elapsed(start));
      } catch (TimeoutException e) {
        return new Outcome(false, false, 0, "no connection within " + startLimit.toMillis() + " ms", elapsed(start));
      }
      Duration started1 = elapsed(start);
      // An invocation of a method the hub does not have is answered with a completion (an error
      // result): server-to-client traffic at once, without waiting for a keep-alive.
      CompletableFuture<Void> answered = new CompletableFuture<>();
      hub.invoke(PROBE_METHOD).subscribe(() -> answered.complete(null), e -> {
        if (e instanceof HubException) {
          answered.complete(null);
        }
      });
      // the client checks its server timeout once per second (its tick rate), so allow 1.5 s more
      Duration wait = min(bound.plusMillis(1500), ctx.remaining());
      long until = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < until) {
        ctx.checkCancelled();
        if (answered.isDone()) {
          return new Outcome(true, true, 0, "", started1);
        }
        if (closed.await(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
          Exception cause = closeCause.get();
          return new Outcome(true, false, 0, "connection closed before any message or keep-alive from the server"
              + (cause == null ? "" : ": " + scrub(describe(cause), bearer)), started1);
        }
      }
      if (wait.compareTo(bound) < 0) {
        return new Outcome(true, false, 0, "the check's budget ended before the receive bound of "
            + bound.toMillis() + " ms", started1);
      }
      if (transport == TransportEnum.LONG_POLLING) {
        // the client keeps long polling alive by itself: staying open proves nothing here
        return new Outcome(true, false, 0, "no answer from the hub to an invocation within "
            + bound.toMillis() + " ms", started1);
      }
      return new Outcome(true, true, 0, "", started1);
    } finally {
      // a start stuck in a hostile handshake must not hold the check past its deadline: the stop
      // waits a bounded time, and close() (which waits for a stop without any bound) is called
      // only once the stop has ended; otherwise shutting the client's threads down ends the start
      boolean stopped;
      try {
        long stopMs = Math.max(STOP_MIN.toMillis(), Math.min(STOP_MAX.toMillis(), ctx.remaining().toMillis()));
        stopped = hub.stop().blockingAwait(stopMs, TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        stopped = true;
        LOG.debug("stopping the SignalR probe failed: {}", describe(e));
      }
      if (stopped) {
        try {
          hub.close();
        } catch (RuntimeException e) {
          LOG.debug("closing the SignalR probe failed: {}", describe(e));
        }
        // after a clean stop the last calls (the close message's POST, the final poll, the
        // WebSocket's close handshake) end by themselves: let them, rather than cut them
        awaitIdle(dispatcher, Math.max(STOP_MIN.toMillis(), Math.min(STOP_MAX.toMillis(), ctx.remaining().toMillis())));
      } else {
        LOG.debug("the SignalR client did not stop within the check's time; its threads are shut down");
      }
      // what still runs (a stop that did not end, a hostile server) is cut; bufferedBodies makes a
      // call cut while its body is read fail as a call, not inside the client's callback
      dispatcher.cancelAll();
      executor.shutdownNow();
      pool.evictAll();
    }
  }

  /**
   * Refuses every request of the SignalR client that would carry {@code bearer} away from the hub's
   * host and port: the official client follows a negotiate answer's {@code url} to any host and
   * sends the original token there when the answer brings no token of its own (a redirect that
   * brings its own token, as a SignalR service does, is let through).
   */
  static Interceptor sameHostOnly(String hubUrl, String bearer) {
    HttpUrl hub = HttpUrl.get(hubUrl.replaceFirst("^ws", "http"));
    return chain -> {
      okhttp3.Request request = chain.request();
      HttpUrl to = request.url();
      boolean elsewhere = !to.host().equalsIgnoreCase(hub.host()) || to.port() != hub.port();
      boolean carriesToken = !bearer.isEmpty() && (String.valueOf(request.header("Authorization")).contains(bearer)
          || to.toString().contains(bearer));
      if (elsewhere && carriesToken) {
        throw new IOException(String.format(Locale.ROOT, "refused to follow the hub's negotiate redirect from %s:%d "
            + "to another host %s:%d with the WebAPI's token", hub.host(), hub.port(), to.host(), to.port()));
      }
      return chain.proceed(request);
    };
  }

  /**
   * Reads every response body (except a WebSocket upgrade's) inside the call, up to {@code cap}
   * bytes, and hands the client a body in memory. The SignalR client reads bodies in okhttp's
   * {@code Callback.onResponse}; a call cancelled or timed out while its body is read there
   * throws out of the callback, which okhttp logs as "Callback failure for canceled call" with a
   * stack trace. Read inside the interceptor chain, the same failure reaches the client's
   * {@code onFailure} as an ordinary failed call.
   */
  static Interceptor bufferedBodies(int cap) {
    return chain -> {
      okhttp3.Request request = chain.request();
      okhttp3.Response response = chain.proceed(request);
      if (response.code() == 101 || request.header("Upgrade") != null) {
        return response;
      }
      byte[] bytes;
      okhttp3.MediaType type;
      try (okhttp3.ResponseBody body = response.body()) {
        type = body.contentType();
        okio.BufferedSource source = body.source();
        okio.Buffer buffer = new okio.Buffer();
        while (buffer.size() <= cap && source.read(buffer, 8192) != -1) {
          // read on
        }
        if (buffer.size() > cap) {
          throw new IOException(String.format(Locale.ROOT, "response body of %s longer than the cap of %d bytes "
              + "(WebApiOptions.bodyCap)", request.url().redact(), cap));
        }
        bytes = buffer.readByteArray();
      }
      return response.newBuilder().body(okhttp3.ResponseBody.create(bytes, type)).build();
    };
  }

  /** Waits until {@code dispatcher} runs no call, at most {@code maxMs}; an interrupt ends the wait and is kept. */
  private static void awaitIdle(Dispatcher dispatcher, long maxMs) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
    try {
      while (dispatcher.runningCallsCount() > 0 && System.nanoTime() < until) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CheckContext ctx, CompletableFuture<Void> f, Duration limit)
      throws InterruptedException, ExecutionException, TimeoutException {
    long until = System.nanoTime() + limit.toNanos();
    while (true) {
      ctx.checkCancelled();
      long left = until - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException();
      }
      try {
        f.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        return;
      } catch (TimeoutException e) {
        // poll again
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String scrub(String text, String bearer) {
    return bearer.isEmpty() ? text : text.replace(bearer, org.xphonediag.core.Secret.MASK);
  }

  static String describe(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c && (c.getMessage() == null || c.getMessage().isBlank())) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return c.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.replaceAll("\\s+", " "));
  }
}
