package org.xphonediag.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.webapi.WebApiProfile;

/**
 * The lab's fake WebClientApi behind a fake reverse proxy: the default profile's routes, the
 * SignalR hub, the Mobile and doc paths, shaped by the scenario. IIS paths are matched
 * case-insensitively as IIS does; the proxy of {@link Scenario#PROXY_PATH_CASE_MISMATCH} is
 * case-sensitive as proxies are (docs/field-guide.md#ports-and-paths).
 */
public final class LabDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STUN_INTERVAL = Duration.ofSeconds(30);

  private final Scenario scenario;
  private final WebApiProfile profile = WebApiProfile.defaults();
  private final String user;
  private final char[] acceptedPassword;
  private final LabHub hub;
  private final Clock clock;
  private final byte[] signingKey = new byte[32];
  private final Map<String, Boolean> issuedTokens = new ConcurrentHashMap<>();
  private final java.util.Set<String> issuedRefreshTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final boolean loginStalls;
  private volatile Instant lastStunQuery;
  private final java.util.List<TurnEntry> turnServers;

  /** A TURN entry the STUN/TURN route hands out. */
  public record TurnEntry(java.util.List<String> urls, String username, String credential) {
    @Override
    public String toString() {
      return "TurnEntry[" + urls + ", " + username + ", ******]";
    }
  }

  /**
   * A dispatcher accepting {@code user} with {@code acceptedPassword}; {@code loginStalls}: login
   * never answers; {@code turnServers}: the TURN entries of the STUN/TURN answer.
   */
  public LabDispatcher(Scenario scenario, String user, char[] acceptedPassword, LabHub hub, Clock clock,
      boolean loginStalls, java.util.List<TurnEntry> turnServers) {
    this.turnServers = java.util.List.copyOf(turnServers);
    this.loginStalls = loginStalls;
    this.scenario = scenario;
    this.user = user;
    this.acceptedPassword = acceptedPassword.clone();
    this.hub = hub;
    this.clock = clock;
    new SecureRandom().nextBytes(signingKey);
  }

  /** How many requests route {@code key} (a profile route key) has received. */
  public int count(String key) {
    AtomicInteger c = counts.get(key);
    return c == null ? 0 : c.get();
  }

  /** The credentials of the TURN entries handed out. */
  public java.util.List<String> turnCredentials() {
    return turnServers.stream().map(TurnEntry::credential).toList();
  }

  /** Every token this lab issued, for tests that prove tokens never leak into output. */
  public java.util.List<String> issuedRefreshTokens() {
    return java.util.List.copyOf(issuedRefreshTokens);
  }

  public java.util.List<String> issuedTokens() {
    return java.util.List.copyOf(issuedTokens.keySet());
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    MockResponse r = route(request);
    if (scenario == Scenario.WEBSOCKET_BLOCKED) {
      // a NetScaler in front marks every answer
      r = r.newBuilder().addHeader("Via", "1.1 NS-CACHE-10.0: 42")
          .addHeader("Set-Cookie", "NSC_xphone-lb=ffffffff0919e3a045525d5f4f58455e445a4a42378b; path=/; secure; httponly")
          .build();
    }
    return r;
  }

  private MockResponse route(RecordedRequest request) throws InterruptedException {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    if (scenario == Scenario.PROXY_PATH_CASE_MISMATCH && path.startsWith("/XPhoneConnect/Mobile")) {
      return text(404, "Not Found (proxy rule passes /XPhoneConnect/mobile only)");
    }
    String lower = path.toLowerCase(Locale.ROOT);
    String base = profile.basePath().toLowerCase(Locale.ROOT);
    if (lower.startsWith("/xphoneconnect/mobile")) {
      return text(200, "<html><title>XPhone Connect Mobile</title></html>");
    }
    if (lower.startsWith("/xphoneconnect/doc")) {
      return text(200, "<html><title>WebClientApi documentation</title></html>");
    }
    if (!lower.startsWith(base)) {
      return text(404, "Not Found");
    }
    String rest = lower.substring(base.length());
    String hubPath = profile.route(WebApiProfile.HUB).path().toLowerCase(Locale.ROOT);
    if (rest.equals(hubPath + "/negotiate") && "POST".equals(method)) {
      bump(WebApiProfile.HUB + ".negotiate");
      if (!authorized(request)) {
        return LabHub.json(401, "{\"error\":\"unauthorized\"}");
      }
      return hub.negotiate();
    }
    if (rest.equals(hubPath)) {
      bump(WebApiProfile.HUB);
      return hub.handle(request, scenario == Scenario.WEBSOCKET_BLOCKED);
    }
    for (String key : new String[] {WebApiProfile.VERSION, WebApiProfile.STUN_SERVERS, WebApiProfile.LOGIN,
        WebApiProfile.DEVICES, WebApiProfile.SOFTPHONE_REINIT}) {
      WebApiProfile.Route r = profile.route(key);
      if (rest.equals(r.path().toLowerCase(Locale.ROOT))) {
        bump(key);
        if (!r.method().equals(method)) {
          return text(405, "Method Not Allowed");
        }
        if (r.auth() && scenario == Scenario.BACKEND_DOWN) {
          return text(503, "Service Unavailable");
        }
        if (r.auth() && !authorized(request)) {
          return LabHub.json(401, "{\"error\":\"unauthorized\"}");
        }
        return answer(key, request);
      }
    }
    if (rest.isEmpty() || rest.equals("/")) {
      return text(200, "XPhone Connect WebClientApi");
    }
    return text(404, "Not Found");
  }

  private MockResponse answer(String key, RecordedRequest request) {
    switch (key) {
      case WebApiProfile.VERSION:
        return LabHub.json(200, "{\"version\":\"" + (scenario == Scenario.OLD_VERSION ? "9.0.131.1" : "9.0.170.2")
            + "\",\"product\":\"XPhone Connect\"}");
      case WebApiProfile.STUN_SERVERS: {
        Instant now = clock.instant();
        Instant last = lastStunQuery;
        if (last != null && last.plus(STUN_INTERVAL).isAfter(now)) {
          return LabHub.json(429, "{\"error\":\"one query per 30 s\"}");
        }
        lastStunQuery = now;
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        body.putArray("servers").addObject().put("host", "stun.lab.example.com").put("port", 3478).put("type", "stun");
        com.fasterxml.jackson.databind.node.ArrayNode ice = body.putArray("iceServers");
        for (TurnEntry t : turnServers) {
          com.fasterxml.jackson.databind.node.ObjectNode e = ice.addObject();
          t.urls().forEach(e.putArray("urls")::add);
          e.put("username", t.username()).put("credential", t.credential());
        }
        return LabHub.json(200, body.toString());
      }
      case WebApiProfile.LOGIN:
        return login(request);
      case WebApiProfile.DEVICES:
        return LabHub.json(200, scenario == Scenario.NO_DEVICES ? "{\"devices\":[]}"
            : "{\"devices\":[{\"id\":\"dev-1\",\"name\":\"Softphone Mobile\",\"type\":\"softphone\"}]}");
      case WebApiProfile.SOFTPHONE_REINIT:
        return LabHub.json(200, "{\"success\":true}");
      default:
        return text(404, "Not Found");
    }
  }

  private MockResponse login(RecordedRequest request) {
    if (loginStalls) {
      return new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE).build();
    }
    if (scenario == Scenario.BACKEND_DOWN) {
      return text(503, "Service Unavailable: the XPhone Server does not answer");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody() == null ? new byte[0] : request.getBody().toByteArray());
    } catch (java.io.IOException e) {
      return LabHub.json(400, "{\"error\":\"body is not JSON\"}");
    }
    String u = body == null || body.get("userName") == null ? "" : body.get("userName").asText();
    String p = body == null || body.get("password") == null ? "" : body.get("password").asText();
    boolean ok = u.equals(user) && MessageDigest.isEqual(p.getBytes(StandardCharsets.UTF_8),
        new String(acceptedPassword).getBytes(StandardCharsets.UTF_8));
    if (!ok) {
      return LabHub.json(401, "{\"error\":\"invalid credentials\"}");
    }
    String token = jwt();
    issuedTokens.put(token, Boolean.TRUE);
    String refresh = java.util.UUID.randomUUID().toString();
    issuedRefreshTokens.add(refresh);
    return LabHub.json(200, "{\"token\":\"" + token + "\",\"refreshToken\":\"" + refresh
        + "\",\"expiresIn\":1800}");
  }

  private boolean authorized(RecordedRequest request) {
    String auth = request.getHeaders().get("Authorization");
    return auth != null && auth.startsWith("Bearer ") && issuedTokens.containsKey(auth.substring(7));
  }

  private String jwt() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = clock.instant().getEpochSecond();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"sub\":\"" + user + "\",\"iat\":" + now + ",\"exp\":" + (now + 1800)
        + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      byte[] sig = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return header + "." + claims + "." + b64.encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable: " + e.getMessage(), e);
    }
  }

  private void bump(String key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private static MockResponse text(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain; charset=utf-8").body(body)
        .build();
  }
}
