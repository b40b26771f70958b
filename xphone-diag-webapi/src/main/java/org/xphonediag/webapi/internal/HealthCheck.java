package org.xphonediag.webapi.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.CertificateInfo;
import org.xphonediag.webapi.ServedChain;
import org.xphonediag.webapi.TlsInspection;
import org.xphonediag.webapi.WebApiProfile;

/**
 * Step 2 of the app's connection test (docs/field-guide.md#connection-test): the WebClientApi itself answers the version
 * route over verified TLS. Details carry the time of each phase (dns, connect, tls, firstByte,
 * total). A TLS failure is explained by a {@link org.xphonediag.webapi.TlsInspector} run
 * (untrusted, incomplete chain, host name, validity, docs/field-guide.md#topology); a handshake the server broke off
 * is unreachable; a 404 means only that the route differs (the WebAPI still answered).
 *
 * <p>An answer that is not the WebClientApi's is {@code webapi.not-webclientapi} (docs/field-guide.md#ports-and-paths, #connection-test):
 * a redirect away from the WebAPI's host or base path (a login, single-sign-on or gateway page)
 * unless it ends in the API's JSON, an HTML page answered with 2xx (a maintenance or portal page:
 * the API answers JSON), or a 401/407 demanding a web login (Basic, NTLM, Negotiate, Digest) on a
 * route that needs none. The finding carries the evidence: status, media type, page title, the
 * redirect's host and path (never its query, which can carry a portal's tokens), cookie names and
 * the proxy headers.
 */
final class HealthCheck extends WebApiCheck {
  private static final Pattern LOGIN = Pattern.compile(
      "log ?[io]n|sign ?in|anmeld|sso|saml|adfs|oauth|openid|/auth|my\\.policy|/vpn/|logonpoint", Pattern.CASE_INSENSITIVE);
  private static final Pattern MAINTENANCE = Pattern.compile(
      "maintenance|wartung|offline|unavailable|back soon", Pattern.CASE_INSENSITIVE);

  HealthCheck(SessionState state) {
    super(CheckCatalog.WEBAPI_HEALTH, "WebAPI health", Set.of(CheckCatalog.WEBAPI_CONFIGURED_URL), state);
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
    HttpResult r = state.callRoute(ctx, base, WebApiProfile.VERSION);
    b.detail("url", r.url()).detail("timings", r.timings());
    if (r.connectedTo() != null) {
      b.detail("address", r.connectedTo());
    }
    if (!r.redirects().isEmpty()) {
      b.detail("redirects", r.redirects().stream().map(h -> h.status() + " to " + h.target()).toList());
    }
    Optional<HttpResult.Redirect> away = r.redirects().stream().filter(h -> leaves(base, h.to())).findFirst();
    if (!r.answered()) {
      if (away.isPresent()) {
        return notWebClientApi(b, r, away.get(), null);
      }
      return unreachable(ctx, base, r, b);
    }
    PageEvidence page = PageEvidence.of(r);
    b.detail("status", r.status());
    if (!page.contentType().isEmpty()) {
      b.detail("contentType", page.contentType());
    }
    if (!r.peerCertificates().isEmpty()) {
      List<CertificateInfo> served = r.peerCertificates().stream().map(CertificateInfo::of).toList();
      b.outcome(new ServedChain(served)).detail("chain", served.stream().map(CertificateInfo::toDetails).toList());
      if (!state.options().insecure()) {
        // a handshake okhttp accepted can still be close to its end of validity
        state.tlsInspector().evaluate(base.host(), r.peerCertificates(), "UNKNOWN").stream()
            .filter(f -> f.severity() == Status.WARN).forEach(b::finding);
      }
    }
    if (away.isPresent() && !(r.ok() && page.json())) {
      return notWebClientApi(b, r, away.get(), page);
    }
    Optional<String> unfollowed = r.unfollowedRedirect() ? r.header("location") : Optional.empty();
    if (unfollowed.isPresent() && r.redirects().size() < WebHttp.MAX_REDIRECTS) {
      HttpUrl last = HttpUrl.get(r.redirects().isEmpty() ? r.url() : r.redirects().get(r.redirects().size() - 1).to());
      HttpUrl target = last.resolve(unfollowed.get());
      if (target != null && leaves(base, target.toString())) {
        return notWebClientApi(b, r, new HttpResult.Redirect(r.status(), last.toString(), target.toString()), null);
      }
    }
    if (r.ok() && page.html()) {
      Finding.Builder f = FindingCatalog.WEBAPI_NOT_WEBCLIENTAPI.finding(String.format(Locale.ROOT,
          "GET %s answered %s: %s answers instead of the WebClientApi, whose version route answers JSON (if the page "
              + "is the WebClientApi's own, its version route differs on this server: set profile key routes.%s)",
          r.url(), page.describe(), kind(page, ""), WebApiProfile.VERSION));
      return b.finding(page.addTo(f, "").build()).summary("an HTML page answers instead of the WebClientApi").build();
    }
    Optional<String> challenge = webLogin(r);
    if (challenge.isPresent()) {
      Finding.Builder f = FindingCatalog.WEBAPI_NOT_WEBCLIENTAPI.finding(String.format(Locale.ROOT,
          "GET %s answered %s asking for %s authentication on a route that needs no login: something in front of "
              + "the WebClientApi demands its own login", r.url(), page.describe(), challenge.get()))
          .evidence("challenge", challenge.get());
      return b.finding(page.addTo(f, "").build()).summary("a login is demanded in front of the WebClientApi").build();
    }
    if (r.status() == 404) {
      b.finding(state.routeUnknown(WebApiProfile.VERSION, r, Status.WARN));
      return b.summary("WebAPI answers, but not on the version route").build();
    }
    if (r.unfollowedRedirect()) {
      return b.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
          "GET %s answered HTTP %d redirecting to %s, after at most %d redirects followed: a redirect loop or too "
              + "many redirects, so the WebAPI never answered itself", r.url(), r.status(),
          new HttpResult.Redirect(r.status(), r.url(), HttpUrl.get(r.url()).resolve(r.header("location").orElse(""))
              .toString()).target(), WebHttp.MAX_REDIRECTS))
          .remedy("The app calls the WebAPI URL directly and gets no answer through these redirects: check the "
              + "reverse proxy's and the IIS's redirect rules for this path (docs/field-guide.md#ports-and-paths).")
          .evidence("status", r.status()).build()).summary("redirect loop").build();
    }
    if (r.status() >= 500) {
      Finding.Builder f = FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
          "GET %s answered %s: the IIS answers but the WebAPI application does not work", r.url(), page.describe()))
          .remedy("The IIS answers but the WebClientApi fails: check the application pool and the event log on the "
              + "IIS, and WebClientApi\\appsettings.json (docs/field-guide.md#appsettings-json).");
      return b.finding(page.addTo(f, "").build()).build();
    }
    return b.summary("WebAPI answered HTTP " + r.status() + " in "
        + r.timings().getOrDefault("total", Duration.ZERO).toMillis() + " ms").build();
  }

  private CheckResult unreachable(CheckContext ctx, HttpUrl base, HttpResult r, CheckResult.Builder b)
      throws InterruptedException {
    if (r.failure().get() == HttpResult.Failure.TLS && !state.options().insecure()) {
      TlsInspection t = state.tlsInspector().inspect(base.host(), base.port(), ctx);
      b.outcome(new ServedChain(t.chain())).detail("chain", t.chainDetails());
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
        r.timings().getOrDefault("total", Duration.ZERO).toMillis(), phaseNames(r)))
        .evidence("failure", r.failure().get()).build()).summary("WebAPI not reachable").build();
  }

  /** The redirect {@code away} left the WebClientApi; {@code page} is the final answer, null when there is none. */
  private static CheckResult notWebClientApi(CheckResult.Builder b, HttpResult r, HttpResult.Redirect away,
      PageEvidence page) {
    HttpUrl to = HttpUrl.get(away.to());
    String after;
    if (page != null && r.redirects().contains(away)) {
      after = ", which answered " + page.describe();
    } else if (!r.answered()) {
      after = ", which could not be fetched: " + r.describe();
    } else {
      after = " (not followed)";
    }
    Finding.Builder f = FindingCatalog.WEBAPI_NOT_WEBCLIENTAPI.finding(String.format(Locale.ROOT,
        "GET %s answered HTTP %d redirecting away from the WebAPI to %s%s: %s answers instead of the WebClientApi",
        r.url(), away.status(), away.target(), after, kind(page, to.encodedPath())))
        .evidence("status", away.status()).evidence("locationHost", to.host()).evidence("locationPath", to.encodedPath());
    if (page != null && r.redirects().contains(away)) {
      page.addTo(f, "", "finalStatus");
    }
    return b.finding(f.build()).summary("redirected away from the WebClientApi to " + away.target()).build();
  }

  private static String kind(PageEvidence page, String path) {
    String title = page == null ? "" : page.title().orElse("");
    if (LOGIN.matcher(title).find() || LOGIN.matcher(path).find()) {
      return "a login or single-sign-on portal";
    }
    if (MAINTENANCE.matcher(title).find()) {
      return "a maintenance page";
    }
    return page != null && page.proxy().isPresent() ? "a page of " + page.proxy().get()
        : "a page of something in front of it (reverse proxy, gateway or portal)";
  }

  /** True when {@code url} is outside the WebAPI: another host, or a path outside its base path. */
  private static boolean leaves(HttpUrl base, String url) {
    HttpUrl u = HttpUrl.parse(url);
    if (u == null) {
      return true;
    }
    String basePath = base.encodedPath().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    String path = u.encodedPath().toLowerCase(Locale.ROOT);
    return !u.host().equalsIgnoreCase(base.host()) || !(path.equals(basePath) || path.startsWith(basePath + "/"));
  }

  /** The scheme of a 401/407 challenge for a web login (anything but Bearer, the WebClientApi's own). */
  private static Optional<String> webLogin(HttpResult r) {
    if (r.status() != 401 && r.status() != 407) {
      return Optional.empty();
    }
    List<String> challenges = r.headers().getOrDefault(r.status() == 407 ? "proxy-authenticate" : "www-authenticate",
        List.of());
    for (String c : challenges) {
      String scheme = c.trim().split("[\\s,]", 2)[0];
      if (!scheme.isEmpty() && !scheme.equalsIgnoreCase("Bearer")) {
        return Optional.of((r.status() == 407 ? "proxy " : "") + scheme);
      }
    }
    return r.status() == 407 ? Optional.of("proxy") : Optional.empty();
  }

  private static String phaseNames(HttpResult r) {
    StringBuilder sb = new StringBuilder();
    r.timings().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v.toMillis())
        .append(" ms"));
    return sb.length() == 0 ? "none completed" : sb.toString();
  }
}
