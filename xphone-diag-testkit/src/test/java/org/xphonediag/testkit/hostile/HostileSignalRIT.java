package org.xphonediag.testkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.hostile.HostileHttpServer.Request;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiSession;

/**
 * SignalR hubs that never complete the handshake: negotiate answers, then the WebSocket upgrade
 * hangs, or the upgrade succeeds and the handshake answer never comes, or long polling never
 * returns. The hub check ends by its deadline with {@code signalr.failed}; a negotiate that
 * redirects to another host gets no token.
 */
class HostileSignalRIT {
  private static final String BASE = "/xphoneconnect/webclientapi";
  private static final String HUB = BASE + "/hubs/client";
  private static final String TOKEN = "jwt-hostile-hub-51b7";
  private static final String NEGOTIATE = "{\"connectionId\":\"c1\",\"connectionToken\":\"t1\",\"negotiateVersion\":1,"
      + "\"availableTransports\":[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
      + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]}";
  private static final Duration BUDGET = Duration.ofSeconds(8);
  private static final Duration SLACK = Duration.ofSeconds(2);

  /** Login and negotiate answer; every other hub request goes to {@code hub}. */
  private static HostileHttpServer.Handler hub(Function<Request, Behavior> hub, String negotiate) {
    return r -> {
      if (r.path().equals(BASE + "/api/auth/login")) {
        return HostileHttpServer.json(200, "{\"token\":\"" + TOKEN + "\",\"refreshToken\":\"r\"}");
      }
      if (r.path().equals(HUB + "/negotiate")) {
        return HostileHttpServer.json(200, negotiate);
      }
      if (r.path().equals(HUB)) {
        return hub.apply(r);
      }
      return HostileHttpServer.respond(404, Map.of(), new byte[0]);
    };
  }

  private static CheckResult runHub(HostileHttpServer server, Duration budget) throws InterruptedException {
    WebApiOptions options = WebApiOptions.builder().url(server.url(BASE)).user("alice")
        .password("pw-hub".toCharArray()).callTimeout(Duration.ofSeconds(1))
        .signalRReceiveBound(Duration.ofMillis(500)).build();
    try (WebApiSession session = WebApiSession.open(options)) {
      long start = System.nanoTime();
      CheckResult r = session.check(CheckCatalog.SIGNALR_HUB)
          .run(CheckContext.standalone(CheckCatalog.SIGNALR_HUB, budget));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(budget.plus(SLACK)) < 0, "took " + took + ": " + r);
      return r;
    }
  }

  @Test
  void hubWhenWebSocketUpgradeAndLongPollNeverAnswerThenSignalrFailedWithinDeadline() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(hub(r -> Behavior.stall(), NEGOTIATE))) {
      CheckResult r = runHub(server, BUDGET);
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertTrue(r.hasFinding("signalr.failed"), r.toString());
      assertTrue(server.requests().stream().anyMatch(q -> q.header("upgrade").isPresent()), "a WebSocket upgrade was tried");
      assertTrue(server.requests().stream().anyMatch(q -> q.method().equals("GET") && q.header("upgrade").isEmpty()),
          "a long poll was tried");
    }
  }

  @Test
  void hubWhenUpgradeSucceedsButHandshakeNeverAnsweredThenSignalrFailedWithinDeadline() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(hub(r -> r.header("upgrade").isPresent()
        ? HostileHttpServer.upgradeThenStall(r) : Behavior.stall(), NEGOTIATE))) {
      CheckResult r = runHub(server, BUDGET);
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertTrue(r.hasFinding("signalr.failed"), r.toString());
      // with the hostile server still up, the probe's own threads end by themselves within the call timeout
      assertNoProbeThreadAfter(Duration.ofSeconds(1).plus(SLACK));
    }
  }

  private static void assertNoProbeThreadAfter(Duration wait) throws InterruptedException {
    long until = System.nanoTime() + wait.toNanos();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("xphone-diag-signalr-")) {
        t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        assertFalse(t.isAlive(), "still running: " + t.getName() + " " + java.util.Arrays.toString(t.getStackTrace()));
      }
    }
  }

  @Test
  void hubWhenBudgetShorterThanEveryTimeoutThenStillEndsAtBudget() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(hub(r -> Behavior.stall(), NEGOTIATE))) {
      CheckResult r = runHub(server, Duration.ofMillis(1200));
      assertFalse(r.status() == Status.PASS, r.toString());
    }
  }

  @Test
  void hubWhenNegotiateRedirectsToAnotherHostThenTokenNotSentThere() throws Exception {
    try (HostileHttpServer thief = HostileHttpServer.start(r -> r.path().endsWith("/negotiate")
        ? HostileHttpServer.json(200, NEGOTIATE) : Behavior.stall());
        HostileHttpServer server = HostileHttpServer.start(
            hub(r -> Behavior.stall(), "{\"url\":\"" + thief.url("/hubs/client") + "\"}"))) {
      CheckResult r = runHub(server, BUDGET);
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertTrue(r.findings().get(0).message().contains("refused to follow the hub's negotiate redirect"), r.toString());
      assertTrue(r.findings().get(0).message().contains("with the WebAPI's token"), r.toString());
      for (Request q : thief.requests()) {
        assertFalse(q.header("authorization").orElse("").contains(TOKEN), "token sent to the other host: " + q);
        assertFalse(q.target().contains(TOKEN), "token sent to the other host: " + q);
      }
    }
  }

  @Test
  void hubWhenNegotiateRedirectBringsItsOwnTokenThenOnlyThatTokenReachesTheOtherHost() throws Exception {
    try (HostileHttpServer service = HostileHttpServer.start(r -> r.path().endsWith("/negotiate")
        ? HostileHttpServer.json(200, NEGOTIATE) : Behavior.stall());
        HostileHttpServer server = HostileHttpServer.start(hub(r -> Behavior.stall(),
            "{\"url\":\"" + service.url("/hubs/client") + "\",\"accessToken\":\"service-token-3e8\"}"))) {
      CheckResult r = runHub(server, BUDGET);
      assertEquals(Status.FAIL, r.status(), r.toString());
      assertFalse(service.requests().isEmpty(), "the redirect with its own token was followed");
      for (Request q : service.requests()) {
        assertFalse(q.header("authorization").orElse("").contains(TOKEN), "our token sent to the other host: " + q);
        assertTrue(q.header("authorization").orElse("").contains("service-token-3e8")
            || q.target().contains("service-token-3e8"), "the service's own token is used: " + q);
      }
    }
  }
}
