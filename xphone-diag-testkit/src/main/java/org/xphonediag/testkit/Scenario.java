package org.xphonediag.testkit;

import java.util.Locale;

/**
 * A named state of the lab's fake deployment: healthy, or one fault from the field guide. Each
 * scenario breaks exactly one thing, so a check under test shows one finding.
 */
public enum Scenario {
  /** Everything works: full chain, WebSockets and long polling, one device, version 9.0.170. */
  HEALTHY("docs/field-guide.md#connection-test"),
  /** WebSocket upgrades are refused as by a NetScaler (NSC_ cookie, Via: NS-CACHE); long polling works. */
  WEBSOCKET_BLOCKED("docs/field-guide.md#appsettings-json, #proxies"),
  /** The server sends its certificate without the intermediate. */
  INCOMPLETE_CHAIN("docs/field-guide.md#tls"),
  /** The server's certificate expired yesterday. */
  EXPIRED("docs/field-guide.md#tls"),
  /** The certificate names another host ({@code other.example.net}). */
  WRONG_HOST("docs/field-guide.md#tls"),
  /** The certificate is {@code *.example.com} for the sub-sub-domain host {@code xphone.lab.example.com}. */
  SUB_SUBDOMAIN_WILDCARD("docs/field-guide.md#tls"),
  /** The server rejects the lab user's password (401). */
  WRONG_PASSWORD("docs/field-guide.md#connection-test step 3"),
  /** The WebAPI answers, but login and everything behind it answer 503 (IIS cannot reach the server). */
  BACKEND_DOWN("docs/field-guide.md#connection-test step 3"),
  /** The user has no devices. */
  NO_DEVICES("docs/field-guide.md#failure-patterns"),
  /** The server reports version 9.0.131 (candidate bug). */
  OLD_VERSION("docs/field-guide.md#failure-patterns"),
  /** The proxy passes /XPhoneConnect/mobile but not /XPhoneConnect/Mobile. */
  PROXY_PATH_CASE_MISMATCH("docs/field-guide.md#ports-and-paths"),
  /** The port accepts TCP connections and never answers (no TLS handshake, no HTTP). */
  BLACK_HOLE("docs/field-guide.md#connection-test step 2");

  private final String ref;

  Scenario(String ref) {
    this.ref = ref;
  }

  /** The field-guide section the scenario reproduces. */
  public String ref() {
    return ref;
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
