package org.xphonediag.webapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.signalr.TransportEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiCheckIds;
import org.xphonediag.webapi.WebApiProfile;

/**
 * Step 4 of the app's connection test (docs/field-guide.md#connection-test, #appsettings-json, #proxies): negotiate with the hub, start it with
 * the official client over WebSockets and, when that fails, over long polling, and prove the
 * server-to-client direction on the transport that works. WebSockets failing while long polling
 * works is {@code signalr.websocket-blocked} (remedy {@code SignalRLongPolling: true}, naming the
 * proxy when headers or cookies reveal it); a refused negotiate is {@code signalr.negotiate-failed};
 * both transports failing is {@code signalr.failed}.
 */
final class SignalRHubCheck extends WebApiCheck {
  SignalRHubCheck(SessionState state) {
    super(WebApiCheckIds.SIGNALR_HUB, "SignalR hub", Set.of(WebApiCheckIds.AUTH), state);
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
    WebApiProfile.Route hubRoute = state.options().profile().route(WebApiProfile.HUB);
    if (hubRoute.auth() && !state.ensureToken(ctx, base)) {
      return b.status(Status.SKIPPED).summary("no token: the login did not succeed (see webapi.auth)").build();
    }
    HttpUrl hub = state.routeUrl(base, WebApiProfile.HUB);
    b.detail("hubUrl", hub.toString());
    HttpUrl negotiate = hub.newBuilder().addPathSegment("negotiate").addQueryParameter("negotiateVersion", "1").build();
    char[] bearer = hubRoute.auth() ? state.token() : null;
    HttpResult n;
    try {
      n = state.http().call(ctx, "POST", negotiate, bearer, null, Map.of());
    } finally {
      if (bearer != null) {
        java.util.Arrays.fill(bearer, '\0');
      }
    }
    Optional<String> proxy = ProxyHints.detect(n.headers());
    proxy.ifPresent(p -> b.detail("proxy", p));
    if (!n.answered()) {
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "negotiate POST %s failed: %s", n.url(), n.describe())).evidence("failure", n.failure().get()).build())
          .build();
    }
    b.detail("negotiateStatus", n.status());
    if (n.status() == 404) {
      return b.finding(state.routeUnknown(WebApiProfile.HUB, n, Status.FAIL)).build();
    }
    if (!n.ok()) {
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "negotiate POST %s answered HTTP %d (expected 200)", n.url(), n.status())).evidence("status", n.status())
          .build()).build();
    }
    Optional<JsonNode> nj = Json.parse(n.body());
    if (nj.isEmpty() || nj.get().has("error")) {
      String why = nj.isEmpty() ? "a body that is not JSON" + n.capNote(state.options().bodyCap())
          : "error " + nj.get().get("error");
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "negotiate POST %s answered HTTP %d with %s", n.url(), n.status(), why)).build()).build();
    }
    List<String> transports = new ArrayList<>();
    nj.flatMap(j -> Json.at(j, "availableTransports")).ifPresent(a -> a.forEach(t -> {
      if (t.has("transport")) {
        transports.add(t.get("transport").asText());
      }
    }));
    b.detail("availableTransports", transports);

    java.time.Duration bound = state.options().signalRReceiveBound();
    SignalRProbe.Outcome ws = SignalRProbe.run(ctx, state, hub.toString(), TransportEnum.WEBSOCKETS, bound);
    b.detail("webSockets", describe(ws));
    if (ws.works()) {
      return b.detail("transport", "websockets").detail("serverToClient", true)
          .summary("hub works over WebSockets, server-to-client traffic seen")
          .build();
    }
    ctx.checkCancelled();
    SignalRProbe.Outcome lp = SignalRProbe.run(ctx, state, hub.toString(), TransportEnum.LONG_POLLING, bound);
    b.detail("longPolling", describe(lp));
    if (lp.works()) {
      String behind = proxy.map(p -> " behind " + p).orElse("");
      return b.detail("transport", "long-polling").detail("serverToClient", true)
          .finding(FindingCatalog.SIGNALR_WEBSOCKET_BLOCKED.finding(String.format(Locale.ROOT,
              "WebSockets to %s failed (%s) while long polling works%s", hub, ws.error(), behind))
              .remedy(FindingCatalog.SIGNALR_WEBSOCKET_BLOCKED.remedy()
                  + proxy.map(p -> " The proxy in front appears to be " + p + ".").orElse(""))
              .evidence("webSocketsError", ws.error()).build())
          .summary("only long polling works").build();
    }
    if (ws.status() != 0 && ws.status() == lp.status() && !ws.started()) {
      return b.finding(FindingCatalog.SIGNALR_NEGOTIATE_FAILED.finding(String.format(Locale.ROOT,
          "the SignalR client's negotiate with %s was refused with HTTP %d on both transports", hub, ws.status()))
          .evidence("status", ws.status()).build()).build();
    }
    return b.finding(FindingCatalog.SIGNALR_FAILED.finding(String.format(Locale.ROOT,
        "hub %s unusable: WebSockets %s; long polling %s", hub, ws.error(), lp.error()))
        .evidence("webSocketsStatus", ws.status()).evidence("longPollingStatus", lp.status()).build())
        .summary("neither WebSockets nor long polling work").build();
  }

  private static Map<String, Object> describe(SignalRProbe.Outcome o) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
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
