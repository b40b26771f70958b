package org.xphonediag.webapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.ConfiguredServers;
import org.xphonediag.webapi.WebApiProfile;

/**
 * The single-route checks: softphone re-initialisation (docs/field-guide.md#connection-test step 5), server version
 * (docs/field-guide.md#failure-patterns), configured STUN/TURN servers (docs/field-guide.md#stun-server-settings, #connection-test) and the user's devices (docs/field-guide.md#failure-patterns).
 */
final class RouteChecks {
  /** The first build without the candidate bug (docs/field-guide.md#failure-patterns). */
  static final int[] FIXED_VERSION = {9, 0, 164};
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  private RouteChecks() {}

  /** Step 5: the re-initialisation route answers success. */
  static final class SoftphoneReinit extends WebApiCheck {
    SoftphoneReinit(SessionState state) {
      super(CheckCatalog.WEBAPI_SOFTPHONE_REINIT, "Softphone re-initialisation", Set.of(CheckCatalog.SIGNALR_HUB), state);
    }

    @Override
    protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
      if (!state.ensureToken(ctx, base)) {
        return b.status(Status.SKIPPED).summary("no token: the login did not succeed (see webapi.auth)").build();
      }
      HttpResult r = state.callRoute(ctx, base, WebApiProfile.SOFTPHONE_REINIT);
      b.detail("url", r.url());
      if (r.answered()) {
        b.detail("status", r.status());
      }
      if (r.status() == 404) {
        return b.finding(state.routeUnknown(WebApiProfile.SOFTPHONE_REINIT, r, Status.WARN)).build();
      }
      if (!r.ok()) {
        return b.finding(FindingCatalog.WEBAPI_SOFTPHONE_REINIT_FAILED.finding(String.format(Locale.ROOT,
            "softphone re-initialisation %s %s failed: %s", state.options().profile()
                .route(WebApiProfile.SOFTPHONE_REINIT).method(), r.url(), r.describe())).build()).build();
      }
      return b.summary("softphone re-initialised (HTTP " + r.status() + ")").build();
    }
  }

  /** The server version; builds before 9.0.164 have the candidate bug. */
  static final class Version extends WebApiCheck {
    Version(SessionState state) {
      super(CheckCatalog.WEBAPI_VERSION, "Server version", Set.of(CheckCatalog.WEBAPI_HEALTH), state);
    }

    @Override
    protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
      HttpResult r = state.callRoute(ctx, base, WebApiProfile.VERSION);
      if (r.status() == 404) {
        return b.finding(state.routeUnknown(WebApiProfile.VERSION, r, Status.WARN)).build();
      }
      if (!r.ok()) {
        return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding("version route " + r.url() + " failed: "
            + r.describe()).build()).build();
      }
      String field = state.options().profile().field("version");
      Optional<String> v = Json.parse(r.body()).flatMap(j -> Json.at(j, field)).map(JsonNode::asText);
      if (v.isEmpty()) {
        return b.status(Status.WARN).summary("version answer has no field '" + field
            + "'; set profile key fields.version" + r.capNote(state.options().bodyCap())).build();
      }
      b.detail("version", v.get());
      Matcher m = VERSION.matcher(v.get());
      if (!m.find()) {
        return b.status(Status.WARN).summary("version '" + v.get() + "' is not major.minor.build").build();
      }
      int[] got = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
      if (got[0] == FIXED_VERSION[0] && compare(got, FIXED_VERSION) < 0) {
        b.finding(FindingCatalog.SERVER_VERSION_CANDIDATE_BUG.finding(String.format(Locale.ROOT,
            "server version %s is below 9.0.164, whose builds can omit public or private ICE candidates",
            v.get())).evidence("version", v.get()).build());
      }
      return b.summary("server version " + v.get()).build();
    }

    static int compare(int[] a, int[] b) {
      for (int i = 0; i < 3; i++) {
        if (a[i] != b[i]) {
          return Integer.compare(a[i], b[i]);
        }
      }
      return 0;
    }
  }

  /**
   * The configured STUN/TURN servers: STUN {@code host:port}s and TURN URIs (their credentials stay
   * in the session, never in the result); queried once per session and reused (30 s limit).
   */
  static final class StunServers extends WebApiCheck {
    StunServers(SessionState state) {
      super(CheckCatalog.WEBAPI_STUN_SERVERS, "Configured STUN/TURN servers", Set.of(CheckCatalog.WEBAPI_HEALTH), state);
    }

    @Override
    protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
      SessionState.StunQuery q = state.stunServers(ctx, base);
      b.detail("cached", q.reused());
      ConfiguredServers s = q.servers();
      b.detail("answer", s.state().jsonName());
      switch (s.state()) {
        case ROUTE_UNKNOWN:
          return b.finding(state.routeUnknown(WebApiProfile.STUN_SERVERS, q.result(), Status.WARN)).build();
        case RATE_LIMITED:
          return b.status(Status.WARN).summary(s.reason().orElse("rate-limited") + "; run again in 30 s").build();
        case FAILED:
          return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding(s.reason().orElse("STUN-server query failed"))
              .build()).build();
        default:
          break;
      }
      b.detail("servers", s.stunServers());
      List<String> turn = new ArrayList<>();
      s.turnServers().forEach(e -> turn.addAll(e.turnUrls()));
      b.detail("turnServers", turn);
      b.detail("turnWithCredentials", s.usableTurnServers().size());
      if (s.stunServers().isEmpty() && turn.isEmpty()) {
        return b.status(Status.WARN).summary("no STUN server configured; Softphone Mobile requires one (docs/field-guide.md#stun-server-settings)"
            + (q.result() == null ? "" : q.result().capNote(state.options().bodyCap()))).build();
      }
      return b.summary(String.format(Locale.ROOT, "%d STUN server(s)%s%s; %d TURN URI(s)", s.stunServers().size(),
          s.stunServers().isEmpty() ? "" : ": ", String.join(", ", s.stunServers()), turn.size())).build();
    }
  }

  /** The user's devices; an empty list gets the "no devices" remedy. */
  static final class Devices extends WebApiCheck {
    Devices(SessionState state) {
      super(CheckCatalog.WEBAPI_DEVICES, "Devices of the user", Set.of(CheckCatalog.WEBAPI_AUTH), state);
    }

    @Override
    protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
      if (!state.ensureToken(ctx, base)) {
        return b.status(Status.SKIPPED).summary("no token: the login did not succeed (see webapi.auth)").build();
      }
      HttpResult r = state.callRoute(ctx, base, WebApiProfile.DEVICES);
      if (r.status() == 404) {
        return b.finding(state.routeUnknown(WebApiProfile.DEVICES, r, Status.WARN)).build();
      }
      if (!r.ok()) {
        return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding("device route " + r.url() + " failed: "
            + r.describe()).build()).build();
      }
      var p = state.options().profile();
      Optional<JsonNode> list = Json.parse(r.body()).flatMap(j -> Json.at(j, p.field("devices")))
          .filter(JsonNode::isArray);
      if (list.isEmpty()) {
        return b.status(Status.WARN).summary("device answer has no list at field '" + p.field("devices")
            + "'; set profile key fields.devices" + r.capNote(state.options().bodyCap())).build();
      }
      List<String> names = new ArrayList<>();
      list.get().forEach(d -> names.add(Json.at(d, p.field("deviceName")).map(JsonNode::asText).orElse("?")));
      b.detail("devices", names);
      if (names.isEmpty()) {
        return b.finding(FindingCatalog.WEBAPI_NO_DEVICES.finding("the WebAPI lists no devices for user "
            + state.options().user().orElse("?")).build()).build();
      }
      return b.summary(names.size() + " device(s)").build();
    }
  }
}
