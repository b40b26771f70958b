package org.xphonediag.webapi.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names the reverse proxy, load balancer or web application firewall in front of the WebAPI from
 * an answer's headers, cookie names and page, where they reveal it (docs/field-guide.md#proxies). The markers are
 * the vendors' documented ones and those public WAF fingerprint collections list:
 * <ul>
 *   <li>NetScaler (Citrix ADC): persistence cookies {@code NSC_*} and {@code citrix_ns_id},
 *       AppFirewall cookie {@code ns_af}, {@code Via: NS-CACHE-*}, the mangled {@code Cneonction}
 *       / {@code nnCoection} headers, block pages naming an "NS Transaction id" or {@code APPFW_};
 *   <li>Sophos UTM / Sophos Firewall web protection: {@code X-Sophos-*} headers, block pages
 *       titled "Access to the requested URL was blocked" or naming UTM Web Protection or
 *       www.sophos.com;
 *   <li>F5 BIG-IP: LTM persistence cookie {@code BIGipServer*}, APM session cookies
 *       {@code MRHSession}/{@code LastMRH_Session}/{@code F5_*}, ASM cookies {@code TS} plus six
 *       or eight hex digits, {@code Server: BigIP}, the ASM page "The requested URL was rejected";
 *   <li>FortiWeb: cookie {@code FORTIWAFSID}; Barracuda: cookies {@code barra_counter_session},
 *       {@code BNI__BARRACUDA_LB_COOKIE}; IIS Application Request Routing: {@code X-Powered-By: ARR};
 *       Squid: {@code X-Squid-Error} or {@code Via ... (squid)}; Cloudflare: {@code CF-RAY};
 *   <li>by {@code Server} header: nginx, Apache, HAProxy, Envoy, Traefik, Caddy, Kemp, and the
 *       default nginx error page ({@code <center>nginx</center>}).
 * </ul>
 * Cookie values are never read beyond their names.
 */
public final class ProxyHints {
  private static final Pattern F5_ASM_COOKIE = Pattern.compile("TS(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

  private ProxyHints() {}

  /** The product and the marker that revealed it, from headers (names lower case) alone. */
  public static Optional<String> detect(Map<String, List<String>> headers) {
    return detect(headers, "");
  }

  /** The product and the marker that revealed it, from headers (names lower case) and a page's text. */
  public static Optional<String> detect(Map<String, List<String>> headers, String page) {
    for (String name : PageEvidence.cookieNames(headers)) {
      Optional<String> byCookie = byCookie(name);
      if (byCookie.isPresent()) {
        return byCookie;
      }
    }
    for (String via : headers.getOrDefault("via", List.of())) {
      String v = via.toLowerCase(Locale.ROOT);
      if (v.contains("ns-cache")) {
        return Optional.of("NetScaler (Via: " + via + ")");
      }
      if (v.contains("squid")) {
        return Optional.of("Squid (Via: " + via + ")");
      }
    }
    if (headers.containsKey("cneonction") || headers.containsKey("nncoection")) {
      return Optional.of("NetScaler (mangled Connection header)");
    }
    for (String name : headers.keySet()) {
      if (name.startsWith("x-sophos")) {
        return Optional.of("Sophos (header " + name + ")");
      }
    }
    if (headers.containsKey("x-squid-error")) {
      return Optional.of("Squid (X-Squid-Error)");
    }
    if (headers.containsKey("cf-ray")) {
      return Optional.of("Cloudflare (CF-RAY header)");
    }
    for (String powered : headers.getOrDefault("x-powered-by", List.of())) {
      if (powered.toUpperCase(Locale.ROOT).startsWith("ARR")) {
        return Optional.of("IIS Application Request Routing (X-Powered-By: " + powered + ")");
      }
    }
    Optional<String> byPage = byPage(page);
    if (byPage.isPresent()) {
      return byPage;
    }
    for (String server : headers.getOrDefault("server", List.of())) {
      Optional<String> byServer = byServer(server);
      if (byServer.isPresent()) {
        return byServer;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> byCookie(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (name.startsWith("NSC_") || n.equals("citrix_ns_id") || n.startsWith("ns_af")) {
      return Optional.of("NetScaler (cookie " + name + ")");
    }
    if (n.startsWith("bigipserver")) {
      return Optional.of("F5 BIG-IP (cookie BIGipServer...)");
    }
    if (n.equals("mrhsession") || n.equals("lastmrh_session") || n.startsWith("f5_")) {
      return Optional.of("F5 BIG-IP APM (cookie " + name + ")");
    }
    if (F5_ASM_COOKIE.matcher(name).matches()) {
      return Optional.of("F5 BIG-IP ASM (cookie " + name + ")");
    }
    if (n.equals("fortiwafsid")) {
      return Optional.of("FortiWeb (cookie FORTIWAFSID)");
    }
    if (n.equals("barra_counter_session") || n.equals("bni__barracuda_lb_cookie")) {
      return Optional.of("Barracuda (cookie " + name + ")");
    }
    return Optional.empty();
  }

  private static Optional<String> byPage(String page) {
    if (page == null || page.isEmpty()) {
      return Optional.empty();
    }
    String p = page.toLowerCase(Locale.ROOT);
    if (p.contains("access to the requested url was blocked") || p.contains("utm web protection")
        || p.contains("www.sophos.com")) {
      return Optional.of("Sophos UTM web protection (block page)");
    }
    if (p.contains("ns transaction id") || p.contains("appfw session id") || p.contains("appfw_")) {
      return Optional.of("NetScaler AppFirewall (block page)");
    }
    if (p.contains("the requested url was rejected")) {
      return Optional.of("F5 BIG-IP ASM (block page)");
    }
    if (p.contains("<center>nginx</center>")) {
      return Optional.of("nginx (error page)");
    }
    return Optional.empty();
  }

  private static Optional<String> byServer(String server) {
    String s = server.toLowerCase(Locale.ROOT);
    if (s.contains("netscaler")) {
      return Optional.of("NetScaler (Server: " + server + ")");
    }
    if (s.contains("sophos")) {
      return Optional.of("Sophos (Server: " + server + ")");
    }
    if (s.replace("-", "").replace("_", "").contains("bigip")) {
      return Optional.of("F5 BIG-IP (Server: " + server + ")");
    }
    for (String product : new String[] {"nginx", "apache", "haproxy", "envoy", "traefik", "caddy", "kemp", "squid"}) {
      if (s.contains(product)) {
        return Optional.of(server + " (Server header)");
      }
    }
    return Optional.empty();
  }
}
