package org.xphonediag.webapi.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.CheckContext;
import org.xphonediag.webapi.WebApiOptions;

/**
 * The HTTP side of the WebAPI checks: one okhttp client per session with the session's trust,
 * resolver and limits. Every call has a deadline (the call timeout, never past the check's
 * remaining time), bodies are read up to the cap, redirects are followed by hand and a redirect
 * to another host never carries credentials. {@link #close()} stops the threads it started.
 */
public final class WebHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebHttp.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** Redirects followed per call at most; the answer after that is returned as it is. */
  public static final int MAX_REDIRECTS = 5;
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final WebApiOptions options;
  private final ExecutorService executor;
  private final ConnectionPool pool = new ConnectionPool(2, 10, TimeUnit.SECONDS);
  private final OkHttpClient client;

  /** A client for {@code options}. */
  public WebHttp(WebApiOptions options) {
    this.options = options;
    int n = CLIENTS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(0, 16, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "xphone-diag-webapi-" + n + "-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    OkHttpClient.Builder b = new OkHttpClient.Builder();
    configure(b);
    this.client = b.dispatcher(new Dispatcher(executor)).connectionPool(pool).build();
  }

  /** Applies trust, resolver, timeouts and redirect policy to {@code b} (also used for SignalR's client). */
  public void configure(OkHttpClient.Builder b) {
    X509TrustManager tm = options.insecure() ? new TrustAll() : options.trust().trustManager();
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      b.sslSocketFactory(ctx.getSocketFactory(), tm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context: " + e.getMessage(), e);
    }
    if (options.insecure()) {
      b.hostnameVerifier((host, session) -> true);
    }
    b.dns(host -> options.resolver().resolve(host));
    Duration t = options.callTimeout();
    b.connectTimeout(t).readTimeout(t).writeTimeout(t).callTimeout(t);
    b.followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false);
  }

  /** The session's client, for variants ({@code newBuilder()}) that share its pool and threads. */
  OkHttpClient client() {
    return client;
  }

  /** The options this client was built with. */
  public WebApiOptions options() {
    return options;
  }

  /**
   * Calls {@code url}. {@code bearer} (may be null) goes as {@code Authorization: Bearer}; {@code
   * jsonBody} (may be null) as the body. Returns a failure result instead of throwing for network
   * trouble.
   *
   * @throws InterruptedException when the check is cancelled; the call is cancelled too
   */
  public HttpResult call(CheckContext ctx, String method, HttpUrl url, char[] bearer, byte[] jsonBody,
      Map<String, String> extraHeaders) throws InterruptedException {
    HttpUrl current = url;
    boolean credentials = bearer != null || jsonBody != null;
    List<HttpResult.Redirect> hops = new ArrayList<>();
    for (int hop = 0; ; hop++) {
      HttpResult r = once(ctx, method, current, bearer, jsonBody, extraHeaders).after(url.toString(), hops);
      Optional<String> location = r.header("location");
      if (!r.answered() || r.status() < 300 || r.status() >= 400 || location.isEmpty() || hop >= MAX_REDIRECTS) {
        return r;
      }
      HttpUrl next = current.resolve(location.get());
      if (next == null) {
        return r;
      }
      boolean sameOrigin = next.host().equals(current.host()) && next.port() == current.port()
          && next.scheme().equals(current.scheme());
      if (!sameOrigin && credentials) {
        LOG.debug("not following redirect from {} to another origin {} with credentials", current, next.host());
        return r;
      }
      if (!"GET".equals(method) && r.status() != 307 && r.status() != 308) {
        return r;
      }
      hops.add(new HttpResult.Redirect(r.status(), current.toString(), next.toString()));
      current = next;
    }
  }

  private HttpResult once(CheckContext ctx, String method, HttpUrl url, char[] bearer, byte[] jsonBody,
      Map<String, String> extraHeaders) throws InterruptedException {
    ctx.checkCancelled();
    Duration remaining = ctx.remaining();
    Duration timeout = remaining.compareTo(options.callTimeout()) < 0 ? remaining : options.callTimeout();
    if (timeout.isZero()) {
      return failure(url, HttpResult.Failure.TIMEOUT, "no time left in the check's budget", null, new PhaseTimings());
    }
    Request.Builder rb = new Request.Builder().url(url);
    if (bearer != null) {
      rb.header("Authorization", "Bearer " + new String(bearer));
    }
    extraHeaders.forEach(rb::header);
    RequestBody body = jsonBody == null ? ("POST".equals(method) || "PUT".equals(method)
        ? RequestBody.create(new byte[0], JSON) : null) : RequestBody.create(jsonBody, JSON);
    rb.method(method, body);
    PhaseTimings timings = new PhaseTimings();
    OkHttpClient c = client.newBuilder().eventListener(timings).callTimeout(timeout).build();
    Call call = c.newCall(rb.build());
    CompletableFuture<HttpResult> future = new CompletableFuture<>();
    LOG.debug("{} {}", method, url);
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        future.complete(classify(url, e, timings));
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          future.complete(read(url, response, timings));
        } catch (IOException e) {
          future.complete(classify(url, e, timings));
        }
      }
    });
    long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
    try {
      while (true) {
        if (ctx.isCancelled()) {
          call.cancel();
          throw new InterruptedException("check " + ctx.checkId() + " was cancelled during " + method + " " + url);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          call.cancel();
          return failure(url, HttpResult.Failure.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", null, timings);
        }
        try {
          return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // poll the cancellation flag again
        } catch (ExecutionException e) {
          return classify(url, e.getCause() instanceof IOException io ? io : new IOException(e.getCause()), timings);
        }
      }
    } catch (InterruptedException e) {
      call.cancel();
      throw e;
    }
  }

  private HttpResult read(HttpUrl url, Response response, PhaseTimings timings) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : response.headers().names()) {
      headers.put(name.toLowerCase(Locale.ROOT), response.headers(name));
    }
    byte[] bytes = new byte[0];
    boolean truncated = false;
    ResponseBody rbody = response.body();
    if (rbody != null) {
      BufferedSource src = rbody.source();
      Buffer buf = new Buffer();
      long cap = options.bodyCap();
      while (buf.size() <= cap) {
        long n = src.read(buf, 8192);
        if (n == -1) {
          break;
        }
      }
      truncated = buf.size() > cap;
      bytes = buf.readByteArray(Math.min(buf.size(), cap));
    }
    List<X509Certificate> peer = new ArrayList<>();
    if (response.handshake() != null) {
      for (Certificate c : response.handshake().peerCertificates()) {
        if (c instanceof X509Certificate x) {
          peer.add(x);
        }
      }
    }
    return new HttpResult(url.toString(), response.code(), headers, bytes, truncated, Optional.empty(), "", null,
        List.copyOf(peer), timings.phases(), timings.connectedTo());
  }

  static HttpResult classify(HttpUrl url, IOException e, PhaseTimings timings) {
    HttpResult.Failure kind;
    if (e instanceof UnknownHostException) {
      kind = HttpResult.Failure.DNS;
    } else if ((e instanceof SSLException || timings.inTlsHandshake()) && TlsFailures.interrupted(e)) {
      kind = HttpResult.Failure.TLS_INTERRUPTED;
    } else if (e instanceof SSLException) {
      kind = HttpResult.Failure.TLS;
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      kind = HttpResult.Failure.CONNECT;
    } else if (e instanceof SocketTimeoutException
        || e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout")) {
      kind = HttpResult.Failure.TIMEOUT;
    } else if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("canceled")) {
      kind = HttpResult.Failure.CANCELLED;
    } else {
      kind = HttpResult.Failure.IO;
    }
    String msg = kind == HttpResult.Failure.TLS_INTERRUPTED ? TlsFailures.describe(e)
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return failure(url, kind, msg, e, timings);
  }

  private static HttpResult failure(HttpUrl url, HttpResult.Failure kind, String error, Throwable cause,
      PhaseTimings timings) {
    return new HttpResult(url.toString(), 0, Map.of(), new byte[0], false, Optional.of(kind), error, cause,
        List.of(), timings.phases(), timings.connectedTo());
  }

  /** Stops this client's threads and closes its connections; idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
    pool.evictAll();
  }

  /** Accepts every chain: only with the explicit insecure option. */
  static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
