package org.xphonediag.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import org.xphonediag.core.Options;
import org.xphonediag.core.net.HostResolver;
import org.xphonediag.testkit.internal.BlackHole;
import org.xphonediag.testkit.internal.LabCertificates;
import org.xphonediag.testkit.internal.LabDispatcher;
import org.xphonediag.testkit.internal.LabFiles;
import org.xphonediag.testkit.internal.LabHub;
import org.xphonediag.testkit.sip.SipResponder;
import org.xphonediag.testkit.stun.StunResponder;
import org.xphonediag.webapi.TrustMaterial;
import org.xphonediag.webapi.WebApiOptions;

/**
 * An in-process fake XPhone deployment on loopback for integration tests: an HTTPS WebClientApi
 * with the default profile's routes, a SignalR hub (negotiate, WebSockets, long polling, pings)
 * and the Mobile/doc paths behind a reverse proxy, with its own root, intermediate and leaf
 * certificates (docs/field-guide.md#topology, #ports-and-paths, #connection-test). A {@link Scenario} switches one fault on. The STUN/TURN route
 * answers once per 30 s (429 otherwise) and hands out the TURN entries given to the builder.
 *
 * <p>On request the lab also starts the media and SIP side and writes the deployment's files: a
 * STUN server that answers as if a NAT mapped this machine to {@value #PUBLIC_IP}
 * ({@link Builder#stunServer()}), an XCC with a media port and a SIP responder
 * ({@link Builder#xcc()}), and web.config, appsettings.json and acl.conf.xml in a temporary folder
 * ({@link Builder#deploymentFiles()}), each shaped by the scenario.
 *
 * <p>The lab host {@value #HOST} resolves only through {@link #resolver()}; trust the lab with
 * {@link #trust()}. The lab user's password is random per lab. Every server thread ends in
 * {@link #close()} (idempotent). The lab is a test double of the XPhone side only: the checks
 * under test are the real code.
 *
 * <pre>{@code
 * try (Lab lab = Lab.start(Scenario.WEBSOCKET_BLOCKED);
 *      WebApiSession session = WebApiSession.open(lab.options().build());
 *      DiagRunner runner = DiagRunner.builder().build()) {
 *   Report report = runner.run("webapi", session.connectionTest());
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
  /**
   * The lab's host name; a sub-sub-domain of example.com on purpose (docs/field-guide.md#topology). The certificate
   * also names {@code localhost}, for tools that resolve names themselves (the CLI).
   */
  public static final String HOST = "xphone.lab.example.com";
  /** The lab user. */
  public static final String USER = "alice";
  /** The public address the lab's STUN server reports, as if a NAT mapped to it (RFC 5737 documentation range). */
  public static final String PUBLIC_IP = "203.0.113.7";
  /** The XPhone Server's address in the deployment files (the ACL allows it, appsettings.json names it in the DMZ). */
  public static final String SERVER_IP = "10.0.0.5";
  /** The ACL list in acl.conf.xml for inbound SIP: loopback and {@value #SERVER_IP}. */
  public static final String INBOUND_ACL_LIST = "xcc_localnet";
  /** The ACL list in acl.conf.xml for ICE candidates: loopback and private ranges, and 203.0.113.0/24 unless denied. */
  public static final String CANDIDATE_ACL_LIST = "xcc_candidates";

  /**
   * MockWebServer logs, through java.util.logging, connections the lab drops on purpose or a check
   * abandons ("didn't make a request"); the checks report what matters, so the lab's server stays
   * quiet in the tests that use it. Only the testkit's own (relocated) copy is silenced, never a
   * MockWebServer of the project's; the field holds the logger, which java.util.logging keeps weakly.
   */
  private static final java.util.logging.Logger SERVER_LOG = quiet(MockWebServer.class.getPackageName());

  private final Scenario scenario;
  private final LabCertificates certificates;
  private final MockWebServer server;
  private final BlackHole blackHole;
  private final LabHub hub;
  private final LabDispatcher dispatcher;
  private final ScheduledThreadPoolExecutor pinger;
  private final char[] password;
  private final int port;
  private StunResponder stunServer;
  private StunResponder xccMedia;
  private SipResponder xccSip;
  private Path folder;
  private boolean closed;

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
    log.setLevel(java.util.logging.Level.OFF);
    return log;
  }

  private Lab(Builder b) throws IOException {
    this.scenario = b.scenario;
    Scenario web = scenario.web();
    SecureRandom random = new SecureRandom();
    byte[] pw = new byte[12];
    random.nextBytes(pw);
    this.password = ("lab-" + HexFormat.of().formatHex(pw)).toCharArray();
    char[] accepted = web == Scenario.WRONG_PASSWORD ? ("other-" + new String(password)).toCharArray() : password;
    this.certificates = new LabCertificates(HOST, web, b.clock.instant());
    this.hub = new LabHub(b.pollWait, b.silentHub);
    this.dispatcher = new LabDispatcher(web, USER, accepted, hub, b.clock, b.loginStalls, b.turnServers);
    this.pinger = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "xphone-diag-lab-ping");
      t.setDaemon(true);
      return t;
    });
    if (web == Scenario.BLACK_HOLE) {
      this.server = null;
      this.blackHole = new BlackHole();
      this.port = blackHole.port();
    } else {
      this.blackHole = null;
      this.server = new MockWebServer();
      server.setProtocols(List.of(Protocol.HTTP_1_1));
      server.useHttps(certificates.server().sslSocketFactory());
      server.setDispatcher(dispatcher);
      server.start(InetAddress.getLoopbackAddress(), 0);
      this.port = server.getPort();
      long ms = Math.max(1, b.pingInterval.toMillis());
      pinger.scheduleAtFixedRate(hub::pingAll, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private Lab started(Builder b) throws IOException {
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      if (b.stunServer) {
        stunServer = StunResponder.builder().host(loopback).software("xphone-diag demo STUN")
            .reportedAddress(new InetSocketAddress(InetAddress.getByName(PUBLIC_IP), 0)).start();
      }
      if (b.xcc) {
        xccMedia = StunResponder.builder().host(loopback)
            .behavior(scenario.mediaSilent() ? StunResponder.Behavior.SILENT : StunResponder.Behavior.ANSWER).start();
        xccSip = SipResponder.builder().address(loopback).optionsStatus(200).start();
      }
      if (b.deploymentFiles) {
        folder = LabFiles.write(SERVER_IP, scenario.iisInDmz(), INBOUND_ACL_LIST, CANDIDATE_ACL_LIST,
            scenario.publicCandidateDenied());
      }
      return this;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts a lab with the defaults (pings every 200 ms, long polls held up to 2 s). */
  public static Lab start(Scenario scenario) throws IOException {
    return builder(scenario).start();
  }

  /** A builder for a lab in {@code scenario}. */
  public static Builder builder(Scenario scenario) {
    return new Builder(scenario);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The lab host name, {@value #HOST}. */
  public String host() {
    return HOST;
  }

  /** The lab's HTTPS port on loopback. */
  public int port() {
    return port;
  }

  /** {@code https://HOST:PORT}. */
  public String origin() {
    return "https://" + HOST + ":" + port;
  }

  /** The WebAPI URL, {@code https://HOST:PORT/xphoneconnect/webclientapi}. */
  public String webApiUrl() {
    return origin() + "/xphoneconnect/webclientapi";
  }

  /** The Mobile URL, {@code https://HOST:PORT/xphoneconnect/mobile}. */
  public String mobileUrl() {
    return origin() + "/xphoneconnect/mobile";
  }

  /** Resolves {@value #HOST} (and {@code localhost}) to loopback; every other name is unknown. */
  public HostResolver resolver() {
    return host -> {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.equals(HOST) || h.equals("localhost")) {
        return List.of(InetAddress.getLoopbackAddress());
      }
      throw new UnknownHostException(host + " (the lab resolves only " + HOST + ")");
    };
  }

  /** Trust in the lab's root certificate only. */
  public TrustMaterial trust() {
    return TrustMaterial.of(List.of(certificates.root().certificate()));
  }

  /** The lab root certificate as PEM, e.g. to write a file for {@code --trust}. */
  public String rootCertificatePem() {
    return certificates.root().certificatePem();
  }

  /** The lab user, {@value #USER}. */
  public String user() {
    return USER;
  }

  /** A copy of the lab user's password (in {@link Scenario#WRONG_PASSWORD} the server refuses it). */
  public char[] password() {
    return password.clone();
  }

  /** How many requests the route with profile key {@code key} has received (hub negotiate: {@code hub.negotiate}). */
  public int requestCount(String key) {
    return dispatcher.count(key);
  }

  /** Every JWT the lab issued so far, for tests that prove tokens never reach output or logs. */
  public List<String> issuedTokens() {
    return dispatcher.issuedTokens();
  }

  /** Every refresh token the login route handed out, for tests that search outputs for secrets. */
  public List<String> issuedRefreshTokens() {
    return dispatcher.issuedRefreshTokens();
  }

  /**
   * The TURN credentials the STUN/TURN route hands out (see {@link Builder#turnServer}), for tests
   * that search outputs for secrets.
   */
  public List<String> turnCredentials() {
    return dispatcher.turnCredentials();
  }

  /**
   * The STUN server ({@link Builder#stunServer()}): answers every Binding request with
   * {@value #PUBLIC_IP} and the request's source port, as a port-preserving NAT would.
   *
   * @throws IllegalStateException when the lab was built without it
   */
  public StunResponder stunServer() {
    return started(stunServer, "stunServer()");
  }

  /**
   * The XCC's media port ({@link Builder#xcc()}): a STUN responder that answers, or stays silent in
   * {@link Scenario#SILENT_MEDIA}.
   *
   * @throws IllegalStateException when the lab was built without the XCC
   */
  public StunResponder xccMedia() {
    return started(xccMedia, "xcc()");
  }

  /**
   * The XCC's SIP side ({@link Builder#xcc()}): answers OPTIONS with 200.
   *
   * @throws IllegalStateException when the lab was built without the XCC
   */
  public SipResponder xccSip() {
    return started(xccSip, "xcc()");
  }

  /**
   * The folder with the deployment's files ({@link Builder#deploymentFiles()}): {@code web.config}
   * (WcfIPEndPoint {@code localhost}), {@code appsettings.json} (a random 36-byte secret;
   * XPhoneServerHost {@value #SERVER_IP} when IIS is in the DMZ, else empty) and {@code acl.conf.xml}
   * (lists {@value #INBOUND_ACL_LIST} and {@value #CANDIDATE_ACL_LIST}). Deleted by {@link #close()}.
   *
   * @throws IllegalStateException when the lab was built without them
   */
  public Path deploymentFolder() {
    return started(folder, "deploymentFiles()");
  }

  private static <T> T started(T part, String option) {
    if (part == null) {
      throw new IllegalStateException("the lab was built without Lab.Builder#" + option);
    }
    return part;
  }

  /** Options for the lab: URLs, user, password, trust and resolver set (each may be replaced once); add limits. */
  public WebApiOptions.Builder options() {
    return WebApiOptions.builder().url(webApiUrl()).mobileUrl(mobileUrl()).user(USER).password(password)
        .trust(trust()).resolver(resolver()).build().toBuilder();
  }

  /** Stops the servers and their threads; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    pinger.shutdownNow();
    hub.close();
    if (server != null) {
      server.close();
    }
    if (blackHole != null) {
      try {
        blackHole.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      pinger.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stunServer != null) {
      stunServer.close();
    }
    if (xccMedia != null) {
      xccMedia.close();
    }
    if (xccSip != null) {
      xccSip.close();
    }
    LabFiles.delete(folder);
  }

  @Override
  public String toString() {
    return "Lab[" + scenario.cliName() + ", " + origin() + "]";
  }

  /** Builds a {@link Lab}; not thread-safe. */
  public static final class Builder {
    private static final String OWNER = "Lab.Builder";
    private final Scenario scenario;
    private Duration pingInterval = Duration.ofMillis(200);
    private Duration pollWait = Duration.ofSeconds(2);
    private Clock clock = Clock.systemUTC();
    private boolean silentHub;
    private boolean loginStalls;
    private boolean stunServer;
    private boolean xcc;
    private boolean deploymentFiles;
    private final List<LabDispatcher.TurnEntry> turnServers = new java.util.ArrayList<>();

    private Builder(Scenario scenario) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /** How often the hub pings its connections; positive. */
    public Builder pingInterval(Duration interval) {
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("pingInterval must be positive but was " + interval);
      }
      this.pingInterval = interval;
      return this;
    }

    /** How long a long poll is held without a message; positive. */
    public Builder pollWait(Duration wait) {
      if (wait.isZero() || wait.isNegative()) {
        throw new IllegalArgumentException("pollWait must be positive but was " + wait);
      }
      this.pollWait = wait;
      return this;
    }

    /** The clock for certificate validity, token times and the STUN rate limit. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Makes the SignalR hub answer the handshake and then fall silent (no pings, no invocation
     * results), as behind a proxy that buffers responses: the server-to-client direction fails.
     */
    public Builder silentHub() {
      this.silentHub = true;
      return this;
    }

    /**
     * Makes the login route accept the request and never answer, as when the IIS waits for an
     * XPhone Server it cannot reach (TCP 2231 dropped, docs/field-guide.md#connection-test step 3).
     */
    public Builder loginStalls() {
      this.loginStalls = true;
      return this;
    }

    /**
     * Adds a TURN entry to the STUN/TURN route's answer, in the WebRTC shape {@code {"urls": [...],
     * "username": ..., "credential": ...}} under {@code iceServers} (the default profile's fields),
     * e.g. pointing at a coturn on loopback; without any, the answer lists no TURN server.
     */
    public Builder turnServer(List<String> urls, String username, char[] credential) {
      if (urls.isEmpty()) {
        throw new IllegalArgumentException("a TURN entry needs at least one URL");
      }
      turnServers.add(new LabDispatcher.TurnEntry(List.copyOf(urls), Objects.requireNonNull(username, "username"),
          new String(Objects.requireNonNull(credential, "credential"))));
      return this;
    }

    /**
     * Also starts a STUN server on loopback ({@link Lab#stunServer()}) that reports {@value #PUBLIC_IP}
     * as the mapped address, like a STUN server behind which this machine sits behind a NAT.
     */
    public Builder stunServer() {
      Options.requireUnset("stunServer", stunServer ? Boolean.TRUE : null, OWNER);
      this.stunServer = true;
      return this;
    }

    /**
     * Also starts the XCC on loopback: a media port ({@link Lab#xccMedia()}, silent in
     * {@link Scenario#SILENT_MEDIA}) and a SIP responder ({@link Lab#xccSip()}).
     */
    public Builder xcc() {
      Options.requireUnset("xcc", xcc ? Boolean.TRUE : null, OWNER);
      this.xcc = true;
      return this;
    }

    /** Also writes the deployment's files for the scenario to a temporary folder ({@link Lab#deploymentFolder()}). */
    public Builder deploymentFiles() {
      Options.requireUnset("deploymentFiles", deploymentFiles ? Boolean.TRUE : null, OWNER);
      this.deploymentFiles = true;
      return this;
    }

    /** Starts the lab. */
    public Lab start() throws IOException {
      return new Lab(this).started(this);
    }
  }
}
