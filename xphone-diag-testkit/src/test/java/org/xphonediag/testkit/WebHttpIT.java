package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.internal.HttpResult;
import org.xphonediag.webapi.internal.WebHttp;

/** The HTTP layer's limits: redirects across origins without credentials, body cap. */
class WebHttpIT {
  private static final CheckContext CTX = CheckContext.standalone(CheckId.of("test.http"), Duration.ofSeconds(10));

  private static WebApiOptions options() {
    return WebApiOptions.builder().callTimeout(Duration.ofSeconds(3)).bodyCap(1024).build();
  }

  @Test
  void callWhenRedirectedToOtherOriginWithTokenThenNotFollowed() throws Exception {
    try (MockWebServer a = new MockWebServer(); MockWebServer b = new MockWebServer();
        WebHttp http = new WebHttp(options())) {
      b.start(InetAddress.getLoopbackAddress(), 0);
      a.start(InetAddress.getLoopbackAddress(), 0);
      a.enqueue(new MockResponse.Builder().code(302).setHeader("Location", b.url("/steal").toString()).build());
      HttpResult r = http.call(CTX, "GET", a.url("/api/devices"), "token-value".toCharArray(), null, Map.of());
      assertEquals(302, r.status());
      RecordedRequest atB = b.takeRequest(200, TimeUnit.MILLISECONDS);
      assertNull(atB, "the other origin must not be called with credentials");
    }
  }

  @Test
  void callWhenRedirectedToOtherOriginWithoutCredentialsThenFollowed() throws Exception {
    try (MockWebServer a = new MockWebServer(); MockWebServer b = new MockWebServer();
        WebHttp http = new WebHttp(options())) {
      b.start(InetAddress.getLoopbackAddress(), 0);
      a.start(InetAddress.getLoopbackAddress(), 0);
      a.enqueue(new MockResponse.Builder().code(302).setHeader("Location", b.url("/mobile").toString()).build());
      b.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      HttpResult r = http.call(CTX, "GET", a.url("/XPhoneConnect/mobile"), null, null, Map.of());
      assertEquals(200, r.status());
      assertNull(b.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    }
  }

  @Test
  void callWhenBodyLargerThanCapThenTruncatedAtCap() throws Exception {
    try (MockWebServer a = new MockWebServer(); WebHttp http = new WebHttp(options())) {
      a.start(InetAddress.getLoopbackAddress(), 0);
      a.enqueue(new MockResponse.Builder().code(200).body("x".repeat(100_000)).build());
      HttpResult r = http.call(CTX, "GET", a.url("/big"), null, null, Map.of());
      assertEquals(1024, r.body().length);
      assertTrue(r.truncated());
    }
  }
}
