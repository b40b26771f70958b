package org.xphonediag.webapi.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Names the reverse proxy or firewall in front of the WebAPI from response headers and cookies,
 * where they reveal it (docs/field-guide.md#proxies): NetScaler (cookies {@code NSC_*}, {@code Via: NS-CACHE},
 * {@code Cneonction}/{@code nnCoection} header mangling), Sophos UTM, F5 BIG-IP, nginx, Apache.
 */
public final class ProxyHints {
  private ProxyHints() {}

  /** The proxy product and the header that revealed it, when any. */
  public static Optional<String> detect(Map<String, List<String>> headers) {
    for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
      String c = cookie.trim();
      if (c.startsWith("NSC_")) {
        return Optional.of("NetScaler (cookie " + c.substring(0, c.indexOf('=') < 0 ? c.length() : c.indexOf('='))
            + ")");
      }
      if (c.startsWith("BIGipServer")) {
        return Optional.of("F5 BIG-IP (cookie BIGipServer...)");
      }
    }
    for (String via : headers.getOrDefault("via", List.of())) {
      if (via.toUpperCase(Locale.ROOT).contains("NS-CACHE")) {
        return Optional.of("NetScaler (Via: " + via + ")");
      }
    }
    if (headers.containsKey("cneonction") || headers.containsKey("nncoection")) {
      return Optional.of("NetScaler (mangled Connection header)");
    }
    for (String server : headers.getOrDefault("server", List.of())) {
      String s = server.toLowerCase(Locale.ROOT);
      if (s.contains("netscaler")) {
        return Optional.of("NetScaler (Server: " + server + ")");
      }
      if (s.contains("sophos") || s.contains("utm")) {
        return Optional.of("Sophos UTM (Server: " + server + ")");
      }
      if (s.contains("nginx") || s.contains("apache")) {
        return Optional.of(server + " (Server header)");
      }
    }
    return Optional.empty();
  }
}
