package org.xphonediag.webapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyHintsTest {

  @Test
  void detectWhenNscCookieThenNetScaler() {
    assertTrue(ProxyHints.detect(Map.of("set-cookie", List.of("NSC_vs=ffff; path=/"))).orElseThrow()
        .startsWith("NetScaler"));
  }

  @Test
  void detectWhenViaNsCacheThenNetScaler() {
    assertTrue(ProxyHints.detect(Map.of("via", List.of("1.1 NS-CACHE-10.0: 42"))).orElseThrow()
        .startsWith("NetScaler"));
  }

  @Test
  void detectWhenPlainIisThenNothing() {
    assertEquals(java.util.Optional.empty(), ProxyHints.detect(Map.of("server", List.of("Microsoft-IIS/10.0"))));
  }

  @Test
  void detectWhenSophosBlockPageThenSophos() {
    assertTrue(ProxyHints.detect(Map.of(), "<title>Access to the requested URL was blocked</title>").orElseThrow()
        .startsWith("Sophos"));
    assertTrue(ProxyHints.detect(Map.of("x-sophos-waf", List.of("1"))).orElseThrow().startsWith("Sophos"));
  }

  @Test
  void detectWhenF5CookiesThenBigIp() {
    assertTrue(ProxyHints.detect(Map.of("set-cookie", List.of("BIGipServerpool_web=1677787402.36895.0000")))
        .orElseThrow().startsWith("F5 BIG-IP"));
    assertTrue(ProxyHints.detect(Map.of("set-cookie", List.of("MRHSession=abc; path=/"))).orElseThrow()
        .startsWith("F5 BIG-IP APM"));
    assertTrue(ProxyHints.detect(Map.of("set-cookie", List.of("TS01a2b3c4=01ab"))).orElseThrow()
        .startsWith("F5 BIG-IP ASM"));
  }

  @Test
  void detectWhenServerHeaderNamesProxyThenNamedAndIisArrByPoweredBy() {
    assertEquals("nginx/1.24.0 (Server header)", ProxyHints.detect(Map.of("server", List.of("nginx/1.24.0")))
        .orElseThrow());
    assertTrue(ProxyHints.detect(Map.of("server", List.of("Microsoft-IIS/10.0"), "x-powered-by", List.of("ARR/3.0")))
        .orElseThrow().startsWith("IIS Application Request Routing"));
  }
}
