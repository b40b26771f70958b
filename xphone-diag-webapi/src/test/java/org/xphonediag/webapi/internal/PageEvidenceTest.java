package org.xphonediag.webapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageEvidenceTest {
  private static PageEvidence of(int status, Map<String, List<String>> headers, String body) {
    return PageEvidence.of(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ofWhenHtmlPageThenTitleDecodedAndCollapsed() {
    PageEvidence p = of(200, Map.of("content-type", List.of("text/html; charset=UTF-8")),
        "<html><head><TITLE>\n  Wartung &amp; Updates &#8211; XPhone\n</TITLE></head></html>");
    assertTrue(p.html());
    assertFalse(p.json());
    assertEquals("text/html", p.contentType());
    assertEquals(Optional.of("Wartung & Updates \u2013 XPhone"), p.title());
  }

  @Test
  void ofWhenHtmlWithoutContentTypeThenSniffedFromBody() {
    PageEvidence p = of(200, Map.of(), "\uFEFF  <!DOCTYPE html><html><title>Sign In</title></html>");
    assertTrue(p.html());
    assertEquals(Optional.of("Sign In"), p.title());
    assertEquals("", p.contentType());
  }

  @Test
  void ofWhenJsonThenJsonAndNoTitle() {
    PageEvidence p = of(200, Map.of("content-type", List.of("application/json")), "{\"version\":\"9.0.170\"}");
    assertTrue(p.json());
    assertFalse(p.html());
    assertEquals(Optional.empty(), p.title());
    assertTrue(of(200, Map.of(), "[1,2]").json(), "a JSON array without a media type");
    assertFalse(of(200, Map.of("content-type", List.of("text/plain")), "down for maintenance").json());
  }

  @Test
  void ofWhenCookiesSetThenNamesOnlyEachOnce() {
    PageEvidence p = of(403, Map.of("set-cookie", List.of("NSC_vs=ffff0000; path=/", "TS01a2b3c4=01ab; path=/",
        "NSC_vs=eeee; path=/x")), "");
    assertEquals(List.of("NSC_vs", "TS01a2b3c4"), p.cookieNames());
    assertFalse(p.toString().contains("ffff0000"), "no cookie value is kept");
  }

  @Test
  void describeWhenPageThenStatusTypeTitleAndServer() {
    PageEvidence p = of(404, Map.of("content-type", List.of("text/html"), "server", List.of("nginx")),
        "<html><head><title>404 Not Found</title></head><body><center>nginx</center></body></html>");
    assertEquals("HTTP 404 (text/html, titled '404 Not Found', Server: nginx)", p.describe());
    assertEquals(Optional.of("nginx (error page)"), p.proxy());
  }

  @Test
  void titleWhenVeryLongThenCut() {
    String t = PageEvidence.title("<title>" + "x".repeat(500) + "</title>").orElseThrow();
    assertEquals(PageEvidence.MAX_TITLE, t.length());
  }
}
