package org.xphonediag.webapi.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.TlsInspection;
import org.xphonediag.webapi.WebApiCheckIds;
import org.xphonediag.webapi.WebApiProfile;

/**
 * Step 2 of the app's connection test (DOMAIN §4): the WebAPI answers the version route over
 * verified TLS. Details carry the time of each phase (dns, connect, tls, firstByte, total). A TLS
 * failure is explained by a {@link org.xphonediag.webapi.TlsInspector} run (untrusted, incomplete
 * chain, host name, validity, DOMAIN §1); a 404 means only that the route differs (the WebAPI
 * still answered).
 */
final class HealthCheck extends WebApiCheck {
  HealthCheck(SessionState state) {
    super(WebApiCheckIds.HEALTH, "WebAPI health", Set.of(WebApiCheckIds.CONFIGURED_URL), state);
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
    HttpResult r = state.callRoute(ctx, base, WebApiProfile.VERSION);
    b.detail("url", r.url()).detail("timings", r.timings());
    if (r.connectedTo() != null) {
      b.detail("address", r.connectedTo());
    }
    if (!r.answered()) {
      if (r.failure().get() == HttpResult.Failure.TLS && !state.options().insecure()) {
        TlsInspection t = state.tlsInspector().inspect(base.host(), base.port(), ctx);
        b.detail("chain", t.chainDetails());
        List<Finding> tls = t.findings();
        if (!tls.isEmpty()) {
          b.findings(tls);
        } else if (TlsFailures.certificateProblem(r.cause())) {
          // e.g. an algorithm the handshake refuses although the chain leads to a trusted root
          b.finding(FindingCatalog.TLS_UNTRUSTED.finding(String.format(Locale.ROOT,
              "TLS with %s:%d failed on the certificate: %s", base.host(), base.port(), r.error())).build());
        } else {
          return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
              "TLS with %s:%d failed: %s (a second handshake found the chain valid)", base.host(), base.port(),
              r.error())).evidence("failure", r.failure().get()).build()).summary("TLS handshake failed").build();
        }
        return b.summary("TLS with " + base.host() + ":" + base.port() + " is not accepted").build();
      }
      return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
          "%s %s failed: %s after %d ms (phases %s)", "GET", r.url(), r.describe(),
          r.timings().getOrDefault("total", java.time.Duration.ZERO).toMillis(), phaseNames(r)))
          .evidence("failure", r.failure().get()).build()).summary("WebAPI not reachable").build();
    }
    b.detail("status", r.status());
    if (!r.peerCertificates().isEmpty()) {
      b.detail("chain", r.peerCertificates().stream()
          .map(c -> org.xphonediag.webapi.CertificateInfo.of(c).toDetails()).toList());
      if (!state.options().insecure()) {
        // a handshake okhttp accepted can still be close to its end of validity
        state.tlsInspector().evaluate(base.host(), r.peerCertificates(), "UNKNOWN").stream()
            .filter(f -> f.severity() == Status.WARN).forEach(b::finding);
      }
    }
    if (r.status() == 404) {
      b.finding(state.routeUnknown(WebApiProfile.VERSION, r, Status.WARN));
      return b.summary("WebAPI answers, but not on the version route").build();
    }
    if (r.unfollowedRedirect()) {
      return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
          "GET %s answered HTTP %d redirecting to %s, after at most %d redirects followed: a redirect loop or too "
              + "many redirects, so the WebAPI never answered itself", r.url(), r.status(),
          r.header("location").orElse(""), WebHttp.MAX_REDIRECTS))
          .remedy("The app calls the WebAPI URL directly and gets no answer through these redirects: check the "
              + "reverse proxy's and the IIS's redirect rules for this path (DOMAIN §2).")
          .evidence("status", r.status()).build()).summary("redirect loop").build();
    }
    if (r.status() >= 500) {
      return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
          "GET %s answered HTTP %d: the IIS answers but the WebAPI application does not work", r.url(), r.status()))
          .remedy("The IIS answers but the WebClientApi fails: check the application pool and the event log on the "
              + "IIS, and WebClientApi\\appsettings.json (DOMAIN §3.2).").evidence("status", r.status()).build())
          .build();
    }
    return b.summary("WebAPI answered HTTP " + r.status() + " in "
        + r.timings().getOrDefault("total", java.time.Duration.ZERO).toMillis() + " ms").build();
  }

  private static String phaseNames(HttpResult r) {
    StringBuilder sb = new StringBuilder();
    r.timings().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v.toMillis())
        .append(" ms"));
    return sb.length() == 0 ? "none completed" : sb.toString();
  }
}
