package org.xphonediag.testkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiSession;
import org.xphonediag.webapi.internal.HttpResult;
import org.xphonediag.webapi.internal.WebHttp;

/**
 * HTTP peers of unbounded size, slow drip, redirect loops and cross-host redirects: every call
 * ends by its deadline, the body cap holds, and no credential reaches another host.
 */
class HostileHttpIT {
  private static final String BASE = "/xphoneconnect/webclientapi";
  private static final String LOGIN = BASE + "/api/auth/login";
  private static final String PASSWORD = "pw-hostile-7f3a";
  private static final String TOKEN = "jwt-hostile-9c1e";
  private static final Duration SLACK = Duration.ofSeconds(2);

  private static WebApiOptions.Builder options(HostileHttpServer server) {
    return WebApiOptions.builder().url(server.url(BASE)).user("alice").password(PASSWORD.toCharArray())
        .callTimeout(Duration.ofSeconds(2)).bodyCap(4096).build().toBuilder();
  }

  private static CheckContext ctx(Duration budget) {
    return CheckContext.standalone(CheckId.of("test.hostile"), budget);
  }

  @Test
  void callWhenBodyNeverEndsThenCapHoldsAndServerSentLittleMore() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.unboundedBody(200, new byte[0]));
        WebHttp http = new WebHttp(options(server).build())) {
      long start = System.nanoTime();
      HttpResult r = http.call(ctx(Duration.ofSeconds(10)), "GET", HttpUrl.get(server.url("/big")), null, null, Map.of());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(200, r.status(), r.describe());
      assertEquals(4096, r.body().length);
      assertTrue(r.truncated());
      assertTrue(took.compareTo(Duration.ofSeconds(2).plus(SLACK)) < 0, "took " + took);
      // the client stopped reading: what the server got out is bounded by socket buffers, not by the stream
      assertTrue(server.bytesSent() < 32L * 1024 * 1024, "server sent " + server.bytesSent());
    }
  }

  @Test
  void authWhenLoginBodyNeverEndsThenFailureNamesTheCap() throws Exception {
    byte[] prefix = "{\"token\":\"".getBytes(StandardCharsets.US_ASCII);
    try (HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.unboundedBody(200, prefix));
        WebApiSession session = WebApiSession.open(options(server).build())) {
      CheckResult r = session.check(CheckCatalog.WEBAPI_AUTH).run(ctx(Duration.ofSeconds(10)));
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertTrue(r.hasFinding("webapi.auth-failed"), r.toString());
      String message = r.findings().get(0).message();
      assertTrue(message.contains("cap of 4096 bytes"), message);
    }
  }

  @Test
  void versionWhenBodyNeverEndsThenSummaryNamesTheCapNotOnlyTheField() throws Exception {
    byte[] prefix = "{\"version\":\"".getBytes(StandardCharsets.US_ASCII);
    try (HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.unboundedBody(200, prefix));
        WebApiSession session = WebApiSession.open(options(server).build())) {
      CheckResult r = session.check(CheckCatalog.WEBAPI_VERSION).run(ctx(Duration.ofSeconds(10)));
      assertEquals(Status.WARN, r.status(), r.toString());
      assertTrue(r.summary().contains("cap of 4096 bytes"), r.summary());
    }
  }

  @Test
  void callWhenHeaderLineNeverEndsThenFailsAtTheHeaderLimitWithinDeadline() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(r -> Behavior.send(
        "HTTP/1.1 200 OK\r\nX-Endless: ".getBytes(StandardCharsets.US_ASCII)).then(Behavior.flood((byte) 'a')));
        WebHttp http = new WebHttp(options(server).build())) {
      long start = System.nanoTime();
      HttpResult r = http.call(ctx(Duration.ofSeconds(10)), "GET", HttpUrl.get(server.url("/h")), null, null, Map.of());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertFalse(r.answered(), r.describe());
      assertTrue(took.compareTo(Duration.ofSeconds(2).plus(SLACK)) < 0, "took " + took);
      assertTrue(server.bytesSent() < 32L * 1024 * 1024, "server sent " + server.bytesSent());
    }
  }

  @Test
  void callWhenBodyDripsOneBytePer20MsThenCallDeadlineNotReadTimeoutEndsIt() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(
        r -> HostileHttpServer.dripBody(200, new byte[0], Duration.ofMillis(20)));
        WebHttp http = new WebHttp(options(server).build())) {
      long start = System.nanoTime();
      HttpResult r = http.call(ctx(Duration.ofSeconds(30)), "GET", HttpUrl.get(server.url("/drip")), null, null,
          Map.of());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(HttpResult.Failure.TIMEOUT, r.failure().orElseThrow(), r.describe());
      assertTrue(took.compareTo(Duration.ofSeconds(2).plus(SLACK)) < 0, "took " + took);
      assertTrue(server.bytesSent() > 20, "the drip really ran: " + server.bytesSent());
    }
  }

  @Test
  void healthWhenHeadDripsForeverThenUnreachableAtCheckDeadline() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.dripHead(Duration.ofMillis(20)));
        WebApiSession session = WebApiSession.open(options(server).callTimeout(Duration.ofSeconds(30)).build())) {
      Duration budget = Duration.ofMillis(1500);
      long start = System.nanoTime();
      CheckResult r = session.check(CheckCatalog.WEBAPI_HEALTH).run(ctx(budget));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertTrue(r.hasFinding("webapi.unreachable"), r.toString());
      assertTrue(took.compareTo(budget.plus(SLACK)) < 0, "took " + took);
    }
  }

  @Test
  void healthWhenVersionRouteRedirectsToItselfThenStopsAfterFewHopsAndSaysRedirectLoop() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.redirect(302, r.target()));
        WebApiSession session = WebApiSession.open(options(server).build())) {
      long start = System.nanoTime();
      CheckResult r = session.check(CheckCatalog.WEBAPI_HEALTH).run(ctx(Duration.ofSeconds(10)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertTrue(r.hasFinding("webapi.unreachable"), r.toString());
      assertTrue(r.findings().get(0).message().contains("redirect"), r.toString());
      assertTrue(server.requests().size() <= 6, "requests: " + server.requests().size());
      assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
    }
  }

  @Test
  void authWhenLoginRedirectedToAnotherHostThenNeitherPasswordNorAnythingReachesIt() throws Exception {
    try (HostileHttpServer thief = HostileHttpServer.start(r -> HostileHttpServer.json(200, "{\"token\":\"x\"}"));
        HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.redirect(307, thief.url(r.target())));
        WebApiSession session = WebApiSession.open(options(server).build())) {
      CheckResult r = session.check(CheckCatalog.WEBAPI_AUTH).run(ctx(Duration.ofSeconds(10)));
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertTrue(r.hasFinding("webapi.auth-failed"), r.toString());
      assertEquals(1, server.requests().size());
      assertEquals(0, thief.tcp().connections(), "the other host was contacted: " + thief.requests());
    }
  }

  @Test
  void devicesWhenRedirectedToAnotherHostThenTokenDoesNotFollow() throws Exception {
    try (HostileHttpServer thief = HostileHttpServer.start(r -> HostileHttpServer.json(200, "{\"devices\":[]}"));
        HostileHttpServer server = HostileHttpServer.start(r -> r.path().equals(LOGIN)
            ? HostileHttpServer.json(200, "{\"token\":\"" + TOKEN + "\",\"refreshToken\":\"r\"}")
            : HostileHttpServer.redirect(302, thief.url(r.target())));
        WebApiSession session = WebApiSession.open(options(server).build())) {
      assertEquals(Status.PASS, session.check(CheckCatalog.WEBAPI_AUTH).run(ctx(Duration.ofSeconds(10))).status());
      CheckResult r = session.check(CheckCatalog.WEBAPI_DEVICES).run(ctx(Duration.ofSeconds(10)));
      assertFalse(r.status() == Status.PASS, r.toString());
      assertEquals(0, thief.tcp().connections(), "the other host was contacted: " + thief.requests());
      assertTrue(server.requests().stream().anyMatch(q -> q.header("authorization").orElse("").contains(TOKEN)),
          "the token went to the WebAPI itself");
    }
  }

  @Test
  void callWhenRedirectedToAnotherHostWithoutCredentialsThenFollowedWithoutCookieOrAuthorization()
      throws Exception {
    try (HostileHttpServer other = HostileHttpServer.start(r -> HostileHttpServer.json(200, "{}"));
        HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.respond(302,
            Map.of("Location", other.url("/landing"), "Set-Cookie", "session=cookie-hostile-4d2; Path=/"),
            new byte[0]));
        WebHttp http = new WebHttp(options(server).build())) {
      HttpResult r = http.call(ctx(Duration.ofSeconds(10)), "GET", HttpUrl.get(server.url("/XPhoneConnect/mobile")),
          null, null, Map.of());
      assertEquals(200, r.status(), r.describe());
      List<HostileHttpServer.Request> got = other.requests();
      assertEquals(1, got.size());
      assertTrue(got.get(0).header("cookie").isEmpty(), got.get(0).headers().toString());
      assertTrue(got.get(0).header("authorization").isEmpty(), got.get(0).headers().toString());
    }
  }

  @Test
  void everyWebApiCheckWhenTcpBlackHoleThenEndsByItsDeadlineWithoutPassing() throws Exception {
    try (HostileTcpServer hole = HostileTcpServer.start(Behavior.stall());
        WebApiSession session = WebApiSession.open(WebApiOptions.builder()
            .url("http://127.0.0.1:" + hole.port() + BASE).user("alice").password(PASSWORD.toCharArray())
            .callTimeout(Duration.ofSeconds(60)).build())) {
      Duration budget = Duration.ofMillis(700);
      for (Check check : session.checks()) {
        long start = System.nanoTime();
        CheckResult r = check.run(CheckContext.standalone(check.id(), budget));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(budget.plus(SLACK)) < 0, check.id() + " took " + took + ": " + r);
        if (!check.id().equals(CheckCatalog.WEBAPI_CONFIGURED_URL)) {
          assertFalse(r.status() == Status.PASS, r.toString());
        }
      }
      assertTrue(hole.connections() >= 1);
    }
  }

  @Test
  void callWhenServerStallsAfterRequestThenTimeoutAtContextDeadlineNotCallTimeout() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(r -> Behavior.stall());
        WebHttp http = new WebHttp(options(server).callTimeout(Duration.ofSeconds(60)).build())) {
      Duration budget = Duration.ofMillis(800);
      long start = System.nanoTime();
      HttpResult r = http.call(ctx(budget), "POST", HttpUrl.get(server.url(LOGIN)), null, "{}".getBytes(
          StandardCharsets.UTF_8), Map.of());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(HttpResult.Failure.TIMEOUT, r.failure().orElseThrow(), r.describe());
      assertTrue(took.compareTo(budget.plus(SLACK)) < 0, "took " + took);
      assertEquals(1, server.requests().size(), "the request itself arrived");
    }
  }
}
