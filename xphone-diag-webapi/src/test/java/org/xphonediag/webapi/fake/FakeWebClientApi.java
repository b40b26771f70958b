package org.xphonediag.webapi.fake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostResolver;
import org.xphonediag.webapi.TrustMaterial;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.fake.HttpWire.Request;
import org.xphonediag.webapi.fake.HttpWire.Response;

/**
 * An independent WebClientApi server for the webapi module's ITs, written from HTTP/1.1 (RFC
 * 9110/9112), RFC 6455 and the SignalR specifications, not from the testkit lab: raw sockets
 * with TLS on loopback, the routes of the default {@code WebApiProfile} below {@code
 * /xphoneconnect/webclientapi} (paths case-insensitive as IIS matches them), the Mobile, doc and
 * WebMeeting applications as HTML pages, and a SignalR hub ({@link FakeHub}) at {@code
 * hubs/client}. A {@link Case} puts a proxy, a portal or a server setting in front.
 *
 * <p>Host names below {@code fake.example} resolve to loopback through {@link #resolver()}; the
 * certificate (leaf for {@code webapi.fake.example} and {@code sso.fake.example} plus its
 * intermediate) leads to {@link #trust()}. The user is {@code alice} with password
 * {@code fake-password}.
 */
public final class FakeWebClientApi implements AutoCloseable {
  /** The host of the WebAPI URL. */
  public static final String HOST = "webapi.fake.example";
  /** The host of the single-sign-on portal of {@link Case#SSO_REDIRECT}. */
  public static final String SSO_HOST = "sso.fake.example";
  public static final String USER = "alice";
  static final String PASSWORD = "fake-password";
  private static final String BASE = "/xphoneconnect/webclientapi";

  /** What stands in front of, or is set on, the WebClientApi. */
  public enum Case {
    /** Everything answers as a healthy deployment, the API root included. */
    HEALTHY,
    /** The hub's negotiate offers no WebSockets (as with {@code SignalRLongPolling: true}); long polling works. */
    NO_WEBSOCKETS,
    /** The hub answers negotiate in version 0 only ({@code connectionId}, no {@code connectionToken}). */
    NEGOTIATE_V0,
    /** An access gateway answers every {@code /xphoneconnect} path with 302 to an SSO login page on another host. */
    SSO_REDIRECT,
    /** A proxy answers every {@code /xphoneconnect} path with a 200 HTML maintenance page. */
    MAINTENANCE_PAGE,
    /** The IIS site demands Windows authentication (401 with Negotiate and NTLM challenges) for every path. */
    WINDOWS_AUTH,
    /** The API answers 404 at its root, as ASP.NET Core does without a root route; every route works. */
    ROOT_404,
    /** A proxy whose rules are case-sensitive passes only {@code /XPhoneConnect/mobile}, {@code
     *  /xphoneconnect/webclientapi}, {@code /XPhoneConnect/doc} and {@code /XPhoneConnect/WebMeeting}. */
    PROXY_CASE_SENSITIVE,
    /** A Sophos-UTM-like web application firewall refuses WebSocket upgrades with its block page. */
    UPGRADE_REFUSED_SOPHOS,
    /** A NetScaler-like load balancer marks every answer and refuses WebSocket upgrades with its block page. */
    UPGRADE_REFUSED_NETSCALER
  }

  private final Case fakeCase;
  private final FakeHub hub;
  private final ServerSocket listener;
  private final HeldCertificate root;
  private final ExecutorService connectionThreads;
  private final ScheduledExecutorService pinger;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger negotiates = new AtomicInteger();
  private final int stallNegotiateBodyAfter;
  private volatile Instant lastStunQuery;

  private FakeWebClientApi(Case fakeCase, int stallNegotiateBodyAfter) throws IOException {
    this.fakeCase = fakeCase;
    this.stallNegotiateBodyAfter = stallNegotiateBodyAfter;
    this.hub = new FakeHub(fakeCase != Case.NO_WEBSOCKETS, fakeCase != Case.NEGOTIATE_V0, Duration.ofSeconds(2));
    long now = System.currentTimeMillis();
    long day = Duration.ofDays(1).toMillis();
    this.root = new HeldCertificate.Builder().commonName("fake WebClientApi root").certificateAuthority(1)
        .validityInterval(now - day, now + 365 * day).build();
    HeldCertificate intermediate = new HeldCertificate.Builder().commonName("fake WebClientApi intermediate")
        .certificateAuthority(0).signedBy(root).validityInterval(now - day, now + 365 * day).build();
    HeldCertificate leaf = new HeldCertificate.Builder().signedBy(intermediate).commonName(HOST)
        .addSubjectAlternativeName(HOST).addSubjectAlternativeName(SSO_HOST)
        .validityInterval(now - day, now + 90 * day).build();
    HandshakeCertificates server = new HandshakeCertificates.Builder()
        .heldCertificate(leaf, intermediate.certificate()).build();
    this.listener = server.sslContext().getServerSocketFactory().createServerSocket(0, 50,
        InetAddress.getLoopbackAddress());
    AtomicInteger n = new AtomicInteger();
    this.connectionThreads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-webclientapi-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fake-webclientapi-pings");
      t.setDaemon(true);
      return t;
    });
    pinger.scheduleAtFixedRate(hub::pingAll, 500, 500, TimeUnit.MILLISECONDS);
    connectionThreads.execute(this::acceptLoop);
  }

  /** Starts a fake in {@code fakeCase} on a free loopback port. */
  public static FakeWebClientApi start(Case fakeCase) throws IOException {
    return new FakeWebClientApi(fakeCase, Integer.MAX_VALUE);
  }

  /**
   * Starts a healthy fake whose negotiate answers after the first {@code n} send their headers
   * and half their body, then stall until the client gives up.
   */
  public static FakeWebClientApi startStallingNegotiateBodyAfter(int n) throws IOException {
    return new FakeWebClientApi(Case.HEALTHY, n);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The configured WebAPI URL. */
  public String url() {
    return "https://" + HOST + ":" + port() + BASE;
  }

  /** Maps every host below {@code fake.example} to loopback. */
  public HostResolver resolver() {
    return host -> {
      if (host.toLowerCase(Locale.ROOT).endsWith(".fake.example")) {
        return List.of(InetAddress.getLoopbackAddress());
      }
      throw new java.net.UnknownHostException(host + " is not a fake host");
    };
  }

  /** The root of the fake's chain. */
  public TrustMaterial trust() {
    return TrustMaterial.of(List.of(root.certificate()));
  }

  /** Options for the fake's URL, user, trust and resolver, with short limits; a test may replace each once. */
  public WebApiOptions.Builder options() {
    return WebApiOptions.builder().url(url()).user(USER).password(Secret.of(PASSWORD)).trust(trust())
        .resolver(resolver()).callTimeout(Duration.ofSeconds(3)).signalRReceiveBound(Duration.ofSeconds(3)).build()
        .toBuilder();
  }

  /** The secrets the fake handed out: login tokens and SignalR connection tokens. */
  public List<String> issuedSecrets() {
    List<String> all = new java.util.ArrayList<>(tokens);
    all.addAll(hub.issuedTokens());
    return all;
  }

  /** Every request received, as {@code METHOD host path}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        sockets.add(s);
        connectionThreads.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      while (true) {
        Request r;
        try {
          r = HttpWire.read(in);
        } catch (HttpWire.BadRequest e) {
          HttpWire.write(out, Response.of(e.status, "Bad Request", "text/plain", e.getMessage()), true);
          return;
        }
        if (r == null) {
          return;
        }
        String host = r.header("host").orElse("").replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        requests.add(r.method() + " " + host + " " + r.path());
        if (r.headerHasToken("upgrade", "websocket")) {
          upgrade(r, in, out);
          return;
        }
        if (stallsNegotiate(r)) {
          stall(out);
          return;
        }
        Response answer = mark(route(r, host));
        boolean close = r.headerHasToken("connection", "close");
        HttpWire.write(out, answer, close);
        if (close) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the fake is closing
    } finally {
      sockets.remove(s);
    }
  }

  private boolean stallsNegotiate(Request r) {
    return r.path().toLowerCase(Locale.ROOT).endsWith("/negotiate") && negotiates.incrementAndGet() > stallNegotiateBodyAfter;
  }

  private static void stall(OutputStream out) throws IOException, InterruptedException {
    byte[] half = "{\"negotiateVersion\":1,\"connectionId\":\"".getBytes(StandardCharsets.US_ASCII);
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (half.length * 2)
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(half);
    out.flush();
    Thread.sleep(30_000);
  }

  /** The proxy's marks on every answer (NetScaler: its persistence cookie and Via). */
  private Response mark(Response r) {
    if (fakeCase == Case.UPGRADE_REFUSED_NETSCALER) {
      return r.with("Via", "1.1 NS-CACHE-10.0: 12").with("Set-Cookie",
          "NSC_xphone-vs=ffffffff09b4cf4945525d5f4f58455e445a4a42378b;expires=Thu, 01 Jan 2037 00:00:00 GMT;path=/;secure;httponly");
    }
    return r;
  }

  private void upgrade(Request r, InputStream in, OutputStream out) throws IOException {
    String lower = r.path().toLowerCase(Locale.ROOT);
    Response refusal = null;
    if (fakeCase == Case.UPGRADE_REFUSED_SOPHOS) {
      refusal = Response.of(403, "Forbidden", "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Access to the "
          + "requested URL was blocked</title></head><body><h1>Access to the requested URL was blocked</h1><p>This "
          + "incident was logged with the following log identifier: X2b1Qw@AAAEAAB3cXXsAAAAK</p><p>Powered by "
          + "UTM Web Protection</p></body></html>");
    } else if (fakeCase == Case.UPGRADE_REFUSED_NETSCALER) {
      refusal = mark(Response.of(403, "Forbidden", "text/html", "<html><head><title>Request Rejected</title></head>"
          + "<body>The request was rejected. NS Transaction id: 2481516</body></html>"));
    } else if (!lower.equals(BASE + "/hubs/client") || !authorized(r)) {
      refusal = lower.equals(BASE + "/hubs/client") ? Response.empty(401, "Unauthorized")
          .with("WWW-Authenticate", "Bearer") : Response.empty(404, "Not Found");
    } else if (!hub.offersWebSockets()) {
      refusal = Response.of(404, "Not Found", "text/plain", "WebSockets transport disabled by the server");
    } else if (!hub.knows(r)) {
      refusal = Response.of(404, "Not Found", "text/plain", "No Connection with that ID");
    } else if (!"13".equals(r.header("sec-websocket-version").orElse(""))) {
      refusal = Response.empty(426, "Upgrade Required").with("Sec-WebSocket-Version", "13");
    } else if (r.header("sec-websocket-key").isEmpty() || !r.headerHasToken("connection", "upgrade")) {
      refusal = Response.of(400, "Bad Request", "text/plain", "not a WebSocket handshake (RFC 6455 §4.1)");
    }
    if (refusal != null) {
      HttpWire.write(out, refusal, true);
      return;
    }
    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + WebSocketWire.accept(r.header("sec-websocket-key").get()) + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    hub.runWebSocket(r, new WebSocketWire(in, out));
  }

  private Response route(Request r, String host) throws InterruptedException {
    String path = r.path();
    String lower = path.toLowerCase(Locale.ROOT);
    if (host.equals(SSO_HOST)) {
      return lower.startsWith("/adfs/ls") ? Response.of(200, "OK", "text/html; charset=utf-8", "<!DOCTYPE html>"
          + "<html><head><title>Sign In</title></head><body><form method=\"post\" action=\"/adfs/ls/\">"
          + "<input name=\"UserName\"><input name=\"Password\" type=\"password\"></form></body></html>")
          .with("Set-Cookie", "MSISSamlRequest=QmFzZTY0; path=/adfs; secure; HttpOnly")
          : Response.of(404, "Not Found", "text/html", "<html><head><title>Not Found</title></head></html>");
    }
    switch (fakeCase) {
      case SSO_REDIRECT:
        if (lower.startsWith("/xphoneconnect")) {
          return Response.empty(302, "Found").with("Location", "https://" + SSO_HOST + ":" + port()
              + "/adfs/ls/?SAMLRequest=fZJNT8MwDIbvSPyHKve2aVfGRrRNmkBIk%2BCyIQ5cUOq6a0QbV3GKxr8nHR"
              + "%2BCA3C0%2Fb6OH9sr1k3dyh30bN0ai0gKgVaTcfbYis3jTtb%3D&RelayState=" + UUID.randomUUID());
        }
        break;
      case MAINTENANCE_PAGE:
        if (lower.startsWith("/xphoneconnect")) {
          return Response.of(200, "OK", "text/html; charset=utf-8", "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
              + "<title>Scheduled maintenance</title></head><body><h1>We'll be back soon</h1><p>XPhone Connect is "
              + "down for scheduled maintenance until 22:00.</p></body></html>");
        }
        break;
      case WINDOWS_AUTH:
        if (lower.startsWith("/xphoneconnect")) {
          return Response.of(401, "Unauthorized", "text/html", "<html><head><title>401 - Unauthorized: Access is denied "
              + "due to invalid credentials.</title></head></html>").with("WWW-Authenticate", "Negotiate")
              .with("WWW-Authenticate", "NTLM").with("Server", "Microsoft-IIS/10.0");
        }
        break;
      case PROXY_CASE_SENSITIVE:
        boolean passes = false;
        for (String rule : new String[] {"/XPhoneConnect/mobile", BASE, "/XPhoneConnect/doc", "/XPhoneConnect/WebMeeting"}) {
          passes |= path.equals(rule) || path.startsWith(rule + "/");
        }
        if (!passes) {
          return Response.of(404, "Not Found", "text/html", "<html><head><title>404 Not Found</title></head><body>"
              + "<center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>")
              .with("Server", "nginx");
        }
        break;
      default:
        break;
    }
    return iis(r, lower);
  }

  /** What the IIS answers: the applications, paths matched case-insensitively. */
  private Response iis(Request r, String lower) throws InterruptedException {
    Response answer;
    if (lower.equals("/xphoneconnect/mobile") || lower.startsWith("/xphoneconnect/mobile/")) {
      answer = page("XPhone Connect Mobile");
    } else if (lower.equals("/xphoneconnect/doc") || lower.startsWith("/xphoneconnect/doc/")) {
      answer = page("XPhone Connect WebClientApi documentation");
    } else if (lower.equals("/xphoneconnect/webmeeting") || lower.startsWith("/xphoneconnect/webmeeting/")) {
      answer = page("XPhone Connect Web Meeting");
    } else if (lower.equals(BASE) || lower.startsWith(BASE + "/")) {
      answer = api(r, lower.substring(BASE.length()));
    } else {
      answer = Response.of(404, "Not Found", "text/html", "<html><head><title>404 - File or directory not found."
          + "</title></head></html>");
    }
    return answer.with("Server", "Microsoft-IIS/10.0").with("X-Powered-By", "ASP.NET");
  }

  private static Response page(String title) {
    return Response.of(200, "OK", "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>" + title
        + "</title></head><body></body></html>");
  }

  private Response api(Request r, String rest) throws InterruptedException {
    String method = r.method();
    if (rest.isEmpty() || rest.equals("/")) {
      return fakeCase == Case.ROOT_404 ? Response.empty(404, "Not Found")
          : Response.of(200, "OK", "text/plain; charset=utf-8", "XPhone Connect WebClientApi");
    }
    if (rest.equals("/hubs/client/negotiate") && method.equals("POST")) {
      return authorized(r) ? hub.negotiate(r) : unauthorized();
    }
    if (rest.equals("/hubs/client")) {
      return authorized(r) ? hub.longPolling(r) : unauthorized();
    }
    switch (method + " " + rest) {
      case "GET /api/info/version":
        return Response.json(200, "OK", "{\"version\":\"9.0.170.2\",\"product\":\"XPhone Connect\"}");
      case "GET /api/info/stunservers": {
        Instant now = Instant.now();
        Instant last = lastStunQuery;
        if (last != null && last.plusSeconds(30).isAfter(now)) {
          return Response.json(429, "Too Many Requests", "{\"error\":\"one query per 30 s\"}");
        }
        lastStunQuery = now;
        return Response.json(200, "OK", "{\"servers\":[{\"host\":\"stun.fake.example\",\"port\":3478}],"
            + "\"iceServers\":[]}");
      }
      case "POST /api/auth/login":
        return login(r);
      case "GET /api/devices":
        return authorized(r) ? Response.json(200, "OK", "{\"devices\":[{\"id\":\"d1\",\"name\":\"Softphone Mobile\"}]}")
            : unauthorized();
      case "POST /api/softphone/reinitialize":
        return authorized(r) ? Response.json(200, "OK", "{\"success\":true}") : unauthorized();
      default:
        return Response.empty(404, "Not Found");
    }
  }

  private Response login(Request r) {
    String body = r.text();
    if (!body.contains("\"userName\":\"" + USER + "\"") || !body.contains("\"password\":\"" + PASSWORD + "\"")) {
      return Response.json(401, "Unauthorized", "{\"error\":\"invalid credentials\"}");
    }
    long now = Instant.now().getEpochSecond();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(("{\"sub\":\"" + USER + "\",\"iat\":" + now + ",\"exp\":" + (now + 1800) + ",\"jti\":\""
            + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new byte[32]);
    tokens.add(token);
    return Response.json(200, "OK", "{\"token\":\"" + token + "\",\"refreshToken\":\"" + UUID.randomUUID() + "\"}");
  }

  private boolean authorized(Request r) {
    String auth = r.header("authorization").orElse("");
    return auth.startsWith("Bearer ") && tokens.contains(auth.substring(7));
  }

  private static Response unauthorized() {
    return Response.empty(401, "Unauthorized").with("WWW-Authenticate", "Bearer");
  }

  @Override
  public void close() throws IOException {
    listener.close();
    hub.close();
    for (Socket s : sockets) {
      s.close();
    }
    pinger.shutdownNow();
    connectionThreads.shutdownNow();
  }
}
