package org.xphonediag.webapi;

import org.xphonediag.core.CheckId;

/**
 * The ids of the WebAPI checks; the first five are the mobile app's connection test in its order
 * (docs/field-guide.md#connection-test), the rest the vendor's browser tester and the proxy paths (docs/field-guide.md#ports-and-paths, #connection-test).
 */
public final class WebApiCheckIds {
  /** Step 1: the configured WebAPI URL is usable. */
  public static final CheckId CONFIGURED_URL = CheckId.of("webapi.configured-url");
  /** Step 2: the WebAPI answers over verified TLS. */
  public static final CheckId HEALTH = CheckId.of("webapi.health");
  /** Step 3: the user logs in. */
  public static final CheckId AUTH = CheckId.of("webapi.auth");
  /** Step 4: the SignalR hub works in both directions. */
  public static final CheckId SIGNALR_HUB = CheckId.of("signalr.hub");
  /** Step 5: the softphone re-initialisation succeeds. */
  public static final CheckId SOFTPHONE_REINIT = CheckId.of("webapi.softphone-reinit");
  /** The server version (candidate bug before 9.0.164). */
  public static final CheckId VERSION = CheckId.of("webapi.version");
  /** The configured STUN/TURN servers. */
  public static final CheckId STUN_SERVERS = CheckId.of("webapi.stun-servers");
  /** The user's devices. */
  public static final CheckId DEVICES = CheckId.of("webapi.devices");
  /** The reverse proxy passes the required paths in both spellings. */
  public static final CheckId PROXY_PATHS = CheckId.of("proxy.paths");
  /** The TLS chain served (the {@code tls} command). */
  public static final CheckId TLS_CHAIN = CheckId.of("tls.chain");

  private WebApiCheckIds() {}
}
