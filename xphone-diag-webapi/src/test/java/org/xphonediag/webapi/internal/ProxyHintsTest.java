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
}
