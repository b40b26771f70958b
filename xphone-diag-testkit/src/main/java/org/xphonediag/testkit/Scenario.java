package org.xphonediag.testkit;

import java.util.Locale;

/**
 * A named state of the lab's fake deployment: healthy, or faults from the field guide. A scenario
 * sets the web side (WebClientApi, TLS, SignalR, proxy paths), the XCC's media port and the
 * deployment files the lab writes ({@link Lab.Builder#stunServer()}, {@link Lab.Builder#xcc()},
 * {@link Lab.Builder#deploymentFiles()}); each breaks one thing, but {@link #DEFAULT}, which shows two
 * findings at once. The constants are in the order {@code xphone-diag doctor --demo --scenario list}
 * prints them.
 *
 * <p>The connection test ({@code WebApiSession#connectionTest()}) does not see every web fault:
 * {@link #NO_DEVICES}, {@link #OLD_VERSION} and {@link #PROXY_PATH_CASE_MISMATCH} fail or warn only
 * when the further WebAPI checks run ({@code WebApiSession#checks()}), as the doctor does. The media
 * and file faults ({@link #SILENT_MEDIA}, {@link #PUBLIC_CANDIDATE_DENIED}, the files of
 * {@link #DMZ_LOCALHOST}) show only when the lab starts the XCC and writes the files.
 */
public enum Scenario {
  /**
   * WebSockets blocked by a NetScaler in front of IIS ({@link #WEBSOCKET_BLOCKED}), and the XCC's
   * candidate ACL denies the public candidate ({@link #PUBLIC_CANDIDATE_DENIED}): the doctor's demo default.
   */
  DEFAULT("docs/field-guide.md#proxies, #failure-patterns",
      "WebSockets blocked by a NetScaler in front of IIS, and the XCC's candidate ACL denies the public candidate"),
  /** Everything works: full chain, WebSockets and long polling, one device, version 9.0.170. */
  HEALTHY("docs/field-guide.md#connection-test", "everything works"),
  /** The web side works; the XCC's media port never answers (inconclusive without a live call). */
  SILENT_MEDIA("docs/field-guide.md#media",
      "signalling works, the XCC's media ports never answer (inconclusive without a live call)"),
  /** The web side works; the XCC's candidate ACL (acl.conf.xml) has no node for the public 203.0.113.0/24. */
  PUBLIC_CANDIDATE_DENIED("docs/field-guide.md#failure-patterns", "the XCC's candidate ACL denies the public candidate"),
  /**
   * IIS in the DMZ with web.config's WcfIPEndPoint still {@code localhost}: the WebAPI answers,
   * login and everything behind it answer 503 ({@link #BACKEND_DOWN}), and the files say DMZ.
   */
  DMZ_LOCALHOST("docs/field-guide.md#connection-test step 3",
      "IIS in the DMZ still points web.config at localhost: login fails with 5xx"),
  /** WebSocket upgrades are refused as by a NetScaler (NSC_ cookie, Via: NS-CACHE); long polling works. */
  WEBSOCKET_BLOCKED("docs/field-guide.md#appsettings-json, #proxies", "WebSockets blocked by a NetScaler"),
  /** The server sends its certificate without the intermediate. */
  INCOMPLETE_CHAIN("docs/field-guide.md#tls", "the server sends no intermediate certificate"),
  /** The server's certificate expired yesterday. */
  EXPIRED("docs/field-guide.md#tls", "the certificate expired"),
  /** The certificate names another host ({@code other.example.net}). */
  WRONG_HOST("docs/field-guide.md#tls", "the certificate names another host"),
  /** The certificate is {@code *.example.com} for the sub-sub-domain host {@code xphone.lab.example.com}. */
  SUB_SUBDOMAIN_WILDCARD("docs/field-guide.md#tls", "a *.example.com certificate on a sub-sub-domain"),
  /** The server rejects the lab user's password (401). */
  WRONG_PASSWORD("docs/field-guide.md#connection-test step 3", "the user's password is wrong"),
  /** The WebAPI answers, but login and everything behind it answer 503 (IIS cannot reach the server). */
  BACKEND_DOWN("docs/field-guide.md#connection-test step 3", "the WebAPI cannot reach the XPhone Server"),
  /** The user has no devices (seen only by the devices check, not by the connection test). */
  NO_DEVICES("docs/field-guide.md#failure-patterns", "the user has no devices"),
  /** The server reports version 9.0.131 (candidate bug; seen only by the version check). */
  OLD_VERSION("docs/field-guide.md#failure-patterns", "a server version with the candidate bug"),
  /** The proxy passes /XPhoneConnect/mobile but not /XPhoneConnect/Mobile (seen only by the proxy-paths check). */
  PROXY_PATH_CASE_MISMATCH("docs/field-guide.md#ports-and-paths",
      "the reverse proxy passes only one spelling of /XPhoneConnect/Mobile"),
  /** The port accepts TCP connections and never answers (no TLS handshake, no HTTP). */
  BLACK_HOLE("docs/field-guide.md#connection-test step 2", "the WebAPI accepts connections and never answers");

  private final String ref;
  private final String description;

  Scenario(String ref, String description) {
    this.ref = ref;
    this.description = description;
  }

  /** The field-guide section the scenario reproduces. */
  public String ref() {
    return ref;
  }

  /** One line of what is broken, e.g. {@code WebSockets blocked by a NetScaler}. */
  public String description() {
    return description;
  }

  /**
   * The web side of this scenario as a scenario of its own: itself for a pure web fault,
   * {@link #HEALTHY} for a media or ACL fault, {@link #WEBSOCKET_BLOCKED} for {@link #DEFAULT},
   * {@link #BACKEND_DOWN} for {@link #DMZ_LOCALHOST}.
   */
  public Scenario web() {
    switch (this) {
      case DEFAULT:
        return WEBSOCKET_BLOCKED;
      case SILENT_MEDIA:
      case PUBLIC_CANDIDATE_DENIED:
        return HEALTHY;
      case DMZ_LOCALHOST:
        return BACKEND_DOWN;
      default:
        return this;
    }
  }

  /** Whether the XCC's media port stays silent ({@link #SILENT_MEDIA}). */
  boolean mediaSilent() {
    return this == SILENT_MEDIA;
  }

  /** Whether the XCC's candidate ACL denies the public candidate ({@link #DEFAULT}, {@link #PUBLIC_CANDIDATE_DENIED}). */
  boolean publicCandidateDenied() {
    return this == DEFAULT || this == PUBLIC_CANDIDATE_DENIED;
  }

  /** Whether IIS sits in the DMZ, with the deployment files saying so ({@link #DMZ_LOCALHOST}). */
  public boolean iisInDmz() {
    return this == DMZ_LOCALHOST;
  }

  /** The CLI name, lower case with hyphens ({@code websocket-blocked}). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The scenario for a CLI name or enum name, case-insensitive. */
  public static Scenario parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Scenario s : values()) {
      if (s.name().equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown lab scenario '" + name + "' (expected one of "
        + java.util.Arrays.stream(values()).map(Scenario::cliName).toList() + ")");
  }
}
