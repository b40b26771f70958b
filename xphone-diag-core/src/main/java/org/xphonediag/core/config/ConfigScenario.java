package org.xphonediag.core.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the administrator knows about the deployment that the configuration files must match: where
 * IIS runs, optionally the XPhone Server's host name or IP as the administrator knows it, and
 * optionally the reverse proxy in front (docs/field-guide.md#topology, #web-config, #appsettings-json, #proxies). Immutable.
 *
 * @param iis where IIS runs
 * @param server the XPhone Server's host name or IP, if known
 * @param proxy the name of the proxy or firewall in front of IIS, if known (e.g. {@code netscaler})
 */
public record ConfigScenario(IisPlacement iis, Optional<String> server, Optional<String> proxy) {
  /** Proxies known to block WebSockets (docs/field-guide.md#proxies: NetScaler as of 02/2023). */
  private static final Set<String> WEBSOCKET_BLOCKING = Set.of("netscaler", "citrix-netscaler", "citrix-adc");

  /** Validates the values; blank strings count as absent. */
  public ConfigScenario {
    Objects.requireNonNull(iis, "iis");
    server = Objects.requireNonNull(server, "server").map(String::strip).filter(s -> !s.isEmpty());
    proxy = Objects.requireNonNull(proxy, "proxy").map(String::strip).filter(s -> !s.isEmpty());
  }

  /** A scenario with neither server nor proxy known. */
  public static ConfigScenario of(IisPlacement iis) {
    return new ConfigScenario(iis, Optional.empty(), Optional.empty());
  }

  /** A copy naming the XPhone Server (host name or IP, optionally with a port, which is ignored). */
  public ConfigScenario withServer(String server) {
    return new ConfigScenario(iis, Optional.of(Objects.requireNonNull(server, "server")), proxy);
  }

  /** A copy naming the proxy in front of IIS. */
  public ConfigScenario withProxy(String proxy) {
    return new ConfigScenario(iis, server, Optional.of(Objects.requireNonNull(proxy, "proxy")));
  }

  /** True when the named proxy is known to block WebSockets, so long polling is needed (docs/field-guide.md#proxies). */
  public boolean proxyBlocksWebSockets() {
    return proxy.map(p -> WEBSOCKET_BLOCKING.contains(p.toLowerCase(Locale.ROOT))).orElse(false);
  }
}
