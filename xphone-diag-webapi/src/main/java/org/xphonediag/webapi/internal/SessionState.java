package org.xphonediag.webapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.ConfiguredServers;
import org.xphonediag.webapi.TlsInspector;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiProfile;

/**
 * What the checks of one session share: the HTTP client, the token of the last login and the
 * STUN/TURN-server answer (queried once per session). Thread-safe. The token never leaves this class except as the
 * {@code Authorization} header.
 */
public final class SessionState implements AutoCloseable {
  private final WebApiOptions options;
  private final WebHttp http;
  private char[] token;
  private final ReentrantLock stunLock = new ReentrantLock();
  private StunQuery stunQuery;

  /** State for {@code options}; owns a new HTTP client. */
  public SessionState(WebApiOptions options) {
    this.options = options;
    this.http = new WebHttp(options);
  }

  public WebApiOptions options() {
    return options;
  }

  public WebHttp http() {
    return http;
  }

  /** The WebAPI base URL, empty when the configured URL is missing or not http(s). */
  public Optional<HttpUrl> baseUrl() {
    return options.url().map(HttpUrl::parse);
  }

  /** The URL of route {@code key}. */
  public HttpUrl routeUrl(HttpUrl base, String key) {
    String path = options.profile().route(key).path();
    String b = base.toString();
    b = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    return HttpUrl.get(b + path);
  }

  /** A TLS inspector with this session's trust, resolver and limit. */
  public TlsInspector tlsInspector() {
    return TlsInspector.builder().trust(options.trust()).resolver(options.resolver())
        .timeout(options.callTimeout()).clock(options.clock()).build();
  }

  /**
   * Calls route {@code key} with its method; the token goes along when the route needs it, the
   * body template is filled with the user and password when it has one.
   */
  public HttpResult callRoute(CheckContext ctx, HttpUrl base, String key) throws InterruptedException {
    WebApiProfile.Route route = options.profile().route(key);
    byte[] body = null;
    if (route.body().isPresent()) {
      char[] user = options.user().orElse("").toCharArray();
      char[] pw = options.password().map(s -> s.reveal()).orElse(new char[0]);
      try {
        body = Json.fill(route.body().get(), Map.of("user", user, "password", pw));
      } finally {
        Arrays.fill(pw, '\0');
      }
    }
    char[] bearer = route.auth() ? token() : null;
    try {
      return http.call(ctx, route.method(), routeUrl(base, key), bearer, body, Map.of());
    } finally {
      if (body != null) {
        Arrays.fill(body, (byte) 0);
      }
      if (bearer != null) {
        Arrays.fill(bearer, '\0');
      }
    }
  }

  /** A copy of the current token, or null when nobody logged in yet. */
  public synchronized char[] token() {
    return token == null ? null : token.clone();
  }

  /** Keeps the token of a successful login (a copy). */
  public synchronized void token(char[] value) {
    if (token != null) {
      Arrays.fill(token, '\0');
    }
    token = value == null ? null : value.clone();
  }

  /** Logs in unless a token is already there; true when a token is available afterwards. */
  public boolean ensureToken(CheckContext ctx, HttpUrl base) throws InterruptedException {
    if (token() != null) {
      return true;
    }
    HttpResult r = callRoute(ctx, base, WebApiProfile.LOGIN);
    if (r.ok()) {
      Optional<JsonNode> t = Json.parse(r.body()).flatMap(j -> Json.at(j, options.profile().field("token")));
      if (t.isPresent() && t.get().isTextual()) {
        token(t.get().asText().toCharArray());
        return true;
      }
    }
    return false;
  }

  /**
   * The STUN/TURN-server route's answer, queried at most once per session (the server allows one
   * query per 30 s, docs/field-guide.md#connection-test): the first caller queries, later and concurrent callers get the same
   * answer with {@code reused} set. A call cut short by cancellation is not kept.
   */
  public StunQuery stunServers(CheckContext ctx, HttpUrl base) throws InterruptedException {
    long waitMs = Math.max(1, ctx.remaining().toMillis());
    if (!stunLock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
      return new StunQuery(null, ConfiguredServers.without(ConfiguredServers.State.FAILED, Optional.empty(),
          "another check's STUN-server query did not end within " + waitMs + " ms"), false);
    }
    try {
      if (stunQuery != null) {
        return new StunQuery(stunQuery.result(), stunQuery.servers(), true);
      }
      HttpResult r = callRoute(ctx, base, WebApiProfile.STUN_SERVERS);
      StunQuery q = new StunQuery(r, ServerAnswers.read(r, options.profile()), false);
      if (r.failure().filter(f -> f == HttpResult.Failure.CANCELLED).isEmpty()) {
        stunQuery = q;
      }
      return q;
    } finally {
      stunLock.unlock();
    }
  }

  /**
   * One STUN-server query: the HTTP result (null when none was made) and what it said.
   *
   * @param result the call, null when the query could not be made
   * @param servers the answer read with the profile's field names
   * @param reused true when an earlier query of this session answered
   */
  public record StunQuery(HttpResult result, ConfiguredServers servers, boolean reused) {}

  /** The "route unknown on this server" finding for a 404 on route {@code key}. */
  public Finding routeUnknown(String key, HttpResult r, Status severity) {
    WebApiProfile.Route route = options.profile().route(key);
    Finding.Builder f = FindingCatalog.WEBAPI_ROUTE_UNKNOWN.finding(String.format(Locale.ROOT,
        "route unknown on this server: %s %s answered HTTP 404; set profile key routes.%s to this server's route",
        route.method(), r.url(), key)).evidence("profileKey", "routes." + key).evidence("status", r.status());
    if (severity != Status.WARN) {
      f.severity(severity);
    }
    return f.build();
  }

  /** Wipes the token and the TURN credentials and closes the HTTP client; idempotent. */
  @Override
  public void close() {
    token(null);
    stunLock.lock();
    try {
      if (stunQuery != null) {
        stunQuery.servers().turnServers().forEach(e -> e.credential().ifPresent(org.xphonediag.core.Secret::destroy));
      }
    } finally {
      stunLock.unlock();
    }
    http.close();
  }
}
