package org.xphonediag.webapi.internal;

import com.microsoft.signalr.TransportEnum;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiProfile;

/**
 * Step 4 of the app's connection test (docs/field-guide.md#connection-test, #appsettings-json, #proxies). The hub's negotiate answer is read
 * first ({@link NegotiateAnswer}: version, transports with their transfer formats, redirect,
 * error); then the official client starts on the transports the server offers and proves the
 * server-to-client direction on the one that works:
 * <ul>
 *   <li>WebSockets offered and working: healthy.
 *   <li>WebSockets not offered (the server's choice, e.g. {@code SignalRLongPolling: true}) and
 *       long polling working: healthy, and the summary says so.
 *   <li>WebSockets offered but failing while long polling works: {@code signalr.websocket-blocked}
 *       (remedy {@code SignalRLongPolling: true} or allowing upgrades). A plain WebSocket upgrade
 *       ({@link UpgradeProbe}) then shows what refused it: status, page title, {@code Server},
 *       {@code Via}, cookie names and the proxy they identify.
 *   <li>a refused negotiate: {@code signalr.negotiate-failed}; no usable transport:
 *       {@code signalr.failed}.
 * </ul>
 * A negotiate redirect ({@code url}) is followed when it brings its own access token or stays on
 * the hub's host and port, at most {@value #MAX_NEGOTIATE_REDIRECTS} times.
 */
final class SignalRHubCheck extends WebApiCheck {
  static final int MAX_NEGOTIATE_REDIRECTS = 3;

  SignalRHubCheck(SessionState state) {
    super(CheckCatalog.SIGNALR_HUB, "SignalR hub", Set.of(CheckCatalog.WEBAPI_AUTH), state);
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
    WebApiProfile.Route hubRoute = state.options().profile().route(WebApiProfile.HUB);
    if (hubRoute.auth() && !state.ensureToken(ctx, base)) {
      return b.status(Status.SKIPPED).summary("no token: the login did not succeed (see webapi.auth)").build();
    }
    HttpUrl hub = state.routeUrl(base, WebApiProfile.HUB);
    b.detail("hubUrl", hub.toString());
    Negotiation neg = negotiate(ctx, hub, hubRoute.auth());
    HttpResult n = neg.result();
    Optional<String> proxy = ProxyHints.detect(n.headers());
    proxy.ifPresent(p -> b.detail("proxy", p));
    if (!n.answered()) {
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "negotiate POST %s failed: %s", n.url(), n.describe())).evidence("failure", n.failure().get()).build())
          .build();
    }
    b.detail("negotiateStatus", n.status());
    if (n.status() == 404 && neg.redirects() == 0) {
      return b.finding(state.routeUnknown(WebApiProfile.HUB, n, Status.FAIL)).build();
    }
    if (!n.ok()) {
      Finding.Builder f = FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "negotiate POST %s answered %s (expected 200)", n.url(), PageEvidence.of(n).describe()));
      return b.finding(PageEvidence.of(n).addTo(f, "").build()).build();
    }
    Optional<NegotiateAnswer> answer = Json.parse(n.body()).map(NegotiateAnswer::parse);
    if (answer.isEmpty()) {
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "negotiate POST %s answered HTTP %d with a body that is not JSON (%s)%s", n.url(), n.status(),
          PageEvidence.of(n).describe(), n.capNote(state.options().bodyCap()))).build()).build();
    }
    NegotiateAnswer na = answer.get();
    if (na.error().isPresent()) {
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "negotiate POST %s answered HTTP %d with the error '%s'", n.url(), n.status(), na.error().get()))
          .evidence("error", na.error().get()).build()).build();
    }
    Map<String, Object> negotiateDetails = new LinkedHashMap<>(na.details());
    neg.redirectedTo().ifPresent(r -> negotiateDetails.put("redirectedTo", r));
    na.redirectUrl().ifPresent(u -> negotiateDetails.put("redirect", redirectTarget(u)));
    b.detail("negotiate", negotiateDetails);
    b.detail("availableTransports", na.transportNames());
    boolean known = na.transportsKnown();
    boolean offersWs = !known || na.offers(NegotiateAnswer.WEB_SOCKETS);
    boolean offersLp = !known || na.offers(NegotiateAnswer.LONG_POLLING);
    if (!offersWs && !offersLp) {
      return b.finding(FindingCatalog.SIGNALR_FAILED.finding(String.format(Locale.ROOT,
          "hub %s offers none of the transports the app uses (WebSockets, LongPolling): it offers %s", hub,
          na.transportNames())).evidence("transports", na.transportNames()).build()).build();
    }

    Duration bound = state.options().signalRReceiveBound();
    SignalRProbe.Outcome ws = null;
    UpgradeProbe.Outcome upgrade = null;
    if (offersWs) {
      ws = SignalRProbe.run(ctx, state, hub.toString(), TransportEnum.WEBSOCKETS, bound);
      b.detail("webSockets", describe(ws));
      if (ws.works()) {
        return b.detail("transport", "websockets").detail("serverToClient", true)
            .summary("hub works over WebSockets, server-to-client traffic seen").build();
      }
      ctx.checkCancelled();
      upgrade = plainUpgrade(ctx, hub, hubRoute.auth());
      b.detail("upgrade", upgrade.details());
    }
    Optional<String> proxyName = upgrade == null ? proxy
        : upgrade.page().flatMap(PageEvidence::proxy).or(() -> proxy);
    if (!offersLp) {
      Finding.Builder f = FindingCatalog.SIGNALR_FAILED.finding(String.format(Locale.ROOT,
          "hub %s offers only %s, and WebSockets fail (%s); a plain WebSocket upgrade got %s%s", hub,
          na.transportNames(), ws.error(), upgrade.describe(), proxyName.map(p -> " from " + p).orElse("")))
          .remedy(FindingCatalog.SIGNALR_FAILED.remedy() + " The server offers no long polling: allow WebSocket "
              + "upgrades on the way to the IIS, or set \"SignalRLongPolling\": true in WebClientApi\\appsettings.json.");
      return b.finding(upgradeEvidence(f, upgrade).build()).summary("WebSockets fail, no long polling offered").build();
    }
    ctx.checkCancelled();
    SignalRProbe.Outcome lp = SignalRProbe.run(ctx, state, hub.toString(), TransportEnum.LONG_POLLING, bound);
    b.detail("longPolling", describe(lp));
    if (lp.works() && ws == null) {
      return b.detail("transport", "long-polling").detail("serverToClient", true)
          .summary("hub works over long polling, server-to-client traffic seen; the server offers no WebSockets "
              + "(as with SignalRLongPolling: true)").build();
    }
    if (lp.works()) {
      Finding.Builder f = FindingCatalog.SIGNALR_WEBSOCKET_BLOCKED.finding(String.format(Locale.ROOT,
          "WebSockets to %s failed (%s) while long polling works; a plain WebSocket upgrade got %s%s", hub, ws.error(),
          upgrade.describe(), proxyName.map(p -> " from " + p).orElse("")))
          .remedy(FindingCatalog.SIGNALR_WEBSOCKET_BLOCKED.remedy()
              + proxyName.map(p -> " The proxy in front appears to be " + p + ".").orElse(""))
          .evidence("webSocketsError", ws.error());
      return b.detail("transport", "long-polling").detail("serverToClient", true)
          .finding(upgradeEvidence(f, upgrade).build()).summary("only long polling works").build();
    }
    if (ws != null && ws.status() != 0 && ws.status() == lp.status() && !ws.started()) {
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "the SignalR client's negotiate with %s was refused with HTTP %d on both transports", hub, ws.status()))
          .evidence("status", ws.status()).build()).build();
    }
    Finding.Builder f = FindingCatalog.SIGNALR_FAILED.finding(String.format(Locale.ROOT,
        "hub %s unusable: WebSockets %s; long polling %s", hub, ws == null ? "not offered" : ws.error(), lp.error()))
        .evidence("longPollingStatus", lp.status());
    if (ws != null) {
      f.evidence("webSocketsStatus", ws.status());
      upgradeEvidence(f, upgrade);
    }
    return b.finding(f.build()).summary(ws == null ? "long polling does not work (no WebSockets offered)"
        : "neither WebSockets nor long polling work").build();
  }

  /** The manual negotiate, following redirects that bring their own token or stay on the hub's origin. */
  private record Negotiation(HttpResult result, int redirects, Optional<String> redirectedTo) {}

  private Negotiation negotiate(CheckContext ctx, HttpUrl hub, boolean auth) throws InterruptedException {
    char[] bearer = auth ? state.token() : null;
    HttpUrl target = hub;
    Optional<String> redirectedTo = Optional.empty();
    try {
      for (int hop = 0; ; hop++) {
        HttpUrl negotiate = negotiateUrl(target);
        HttpResult n = state.http().call(ctx, "POST", negotiate, bearer, null, Map.of());
        if (!n.ok() || hop >= MAX_NEGOTIATE_REDIRECTS) {
          return new Negotiation(n, hop, redirectedTo);
        }
        Optional<com.fasterxml.jackson.databind.JsonNode> json = Json.parse(n.body());
        Optional<String> url = json.flatMap(j -> Json.at(j, "url")).filter(u -> u.isTextual()).map(u -> u.asText());
        HttpUrl next = url.map(u -> HttpUrl.parse(u.replaceFirst("^ws", "http"))).orElse(null);
        if (next == null) {
          return new Negotiation(n, hop, redirectedTo);
        }
        Optional<String> token = json.flatMap(j -> Json.at(j, "accessToken")).filter(t -> t.isTextual())
            .map(t -> t.asText());
        boolean sameOrigin = next.host().equalsIgnoreCase(hub.host()) && next.port() == hub.port();
        if (token.isEmpty() && !sameOrigin) {
          // the official client would send the WebAPI's token there; SignalRProbe refuses that too
          return new Negotiation(n, hop, redirectedTo);
        }
        if (token.isPresent()) {
          if (bearer != null) {
            Arrays.fill(bearer, '\0');
          }
          bearer = token.get().toCharArray();
        }
        target = next;
        redirectedTo = Optional.of(redirectTarget(next.toString()));
      }
    } finally {
      if (bearer != null) {
        Arrays.fill(bearer, '\0');
      }
    }
  }

  private static HttpUrl negotiateUrl(HttpUrl hub) {
    HttpUrl.Builder nb = hub.newBuilder();
    if (hub.pathSegments().size() > 0 && hub.pathSegments().get(hub.pathSegments().size() - 1).isEmpty()) {
      nb.removePathSegment(hub.pathSegments().size() - 1);
    }
    return nb.addPathSegment("negotiate").removeAllQueryParameters("negotiateVersion")
        .addQueryParameter("negotiateVersion", "1").build();
  }

  private UpgradeProbe.Outcome plainUpgrade(CheckContext ctx, HttpUrl hub, boolean auth) throws InterruptedException {
    char[] bearer = auth ? state.token() : null;
    try {
      return UpgradeProbe.run(ctx, state.http(), hub, bearer);
    } finally {
      if (bearer != null) {
        Arrays.fill(bearer, '\0');
      }
    }
  }

  private static Finding.Builder upgradeEvidence(Finding.Builder f, UpgradeProbe.Outcome upgrade) {
    if (upgrade == null) {
      return f;
    }
    f.evidence("upgradeAccepted", upgrade.accepted());
    upgrade.page().ifPresent(p -> p.addTo(f, "upgrade"));
    if (upgrade.page().isEmpty() && !upgrade.error().isEmpty()) {
      f.evidence("upgradeError", upgrade.error());
    }
    return f;
  }

  /** A redirect target for reports: scheme, host, port and path, never the query (it can carry tokens). */
  private static String redirectTarget(String url) {
    return new HttpResult.Redirect(0, "", url.replaceFirst("^ws", "http")).target();
  }

  private static Map<String, Object> describe(SignalRProbe.Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("started", o.started());
    m.put("serverToClient", o.serverToClient());
    if (o.status() != 0) {
      m.put("status", o.status());
    }
    if (!o.error().isEmpty()) {
      m.put("error", o.error());
    }
    m.put("startMs", o.startTime().toMillis());
    return m;
  }
}
