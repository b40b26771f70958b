package org.xphonediag.webapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiProfile;

/**
 * Step 3 of the app's connection test (docs/field-guide.md#connection-test): the user logs in and gets a JWT (its expiry
 * read from the {@code exp} claim, RFC 7519 §4.1.4, compared with {@code JwtTokenLifetimeInMinutes}
 * when known, docs/field-guide.md#appsettings-json) and a refresh token. 401/403 means the credentials; 5xx or no answer
 * after a healthy step 2 means the IIS cannot reach the XPhone Server (TCP 2230/2231, {@code
 * web.config}, {@code appsettings.json}). Neither password nor token ever reach the result.
 */
final class AuthCheck extends WebApiCheck {
  static final String BACKEND_REMEDY = "The WebAPI answers but cannot reach the XPhone Server to authenticate: "
      + "open TCP 2230 and 2231 from the IIS to the XPhone Server (2231 is needed for authentication), set "
      + "WcfIPEndPoint in XPhoneMobile\\web.config and XPhoneServerHost in WebClientApi\\appsettings.json to the "
      + "server's host name or IP when IIS runs in the DMZ, then restart the IIS default web site (docs/field-guide.md#web-config, #appsettings-json, #connection-test).";

  AuthCheck(SessionState state) {
    super(CheckCatalog.WEBAPI_AUTH, "WebAPI authentication", Set.of(CheckCatalog.WEBAPI_HEALTH), state);
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
    String user = state.options().user().orElse(null);
    if (user == null || state.options().password().isEmpty()) {
      return b.status(Status.SKIPPED).summary("no user name or password given, so no login was tried").build();
    }
    b.detail("user", user);
    state.token(null);
    HttpResult r = state.callRoute(ctx, base, WebApiProfile.LOGIN);
    b.detail("url", r.url());
    boolean healthy = ctx.resultOf(CheckCatalog.WEBAPI_HEALTH).map(h -> h.status().compareTo(Status.WARN) <= 0)
        .orElse(false);
    if (!r.answered()) {
      var f = FindingCatalog.WEBAPI_AUTH_FAILED.finding(String.format(Locale.ROOT,
          "login POST %s got no answer: %s%s", r.url(), r.describe(),
          healthy ? " although the health check passed" : "")).evidence("failure", r.failure().get());
      if (r.failure().get() == HttpResult.Failure.TIMEOUT || healthy) {
        f.remedy(BACKEND_REMEDY);
      }
      return b.finding(f.build()).summary("login failed: " + r.describe()).build();
    }
    b.detail("status", r.status());
    if (r.status() == 404) {
      return b.finding(state.routeUnknown(WebApiProfile.LOGIN, r, Status.FAIL)).summary("login route unknown").build();
    }
    if (r.status() == 401 || r.status() == 403) {
      return b.finding(FindingCatalog.WEBAPI_AUTH_FAILED.finding(String.format(Locale.ROOT,
          "login of user %s was refused with HTTP %d at %s", user, r.status(), r.url()))
          .remedy("Check the user name and password (the user must be able to log in to XPhone Connect); if they "
              + "are right, check the WebAPI's connection to the XPhone Server (TCP 2231, docs/field-guide.md#web-config, #appsettings-json).")
          .evidence("status", r.status()).build()).summary("credentials refused").build();
    }
    if (r.status() >= 500) {
      return b.finding(FindingCatalog.WEBAPI_AUTH_FAILED.finding(String.format(Locale.ROOT,
          "login answered HTTP %d at %s%s", r.status(), r.url(), healthy ? " after a healthy health check" : ""))
          .remedy(BACKEND_REMEDY).evidence("status", r.status()).build()).summary("server error at login").build();
    }
    if (!r.ok()) {
      return b.finding(FindingCatalog.WEBAPI_AUTH_FAILED.finding(String.format(Locale.ROOT,
          "login answered HTTP %d at %s (expected 2xx)", r.status(), r.url())).evidence("status", r.status()).build())
          .build();
    }
    String tokenField = state.options().profile().field("token");
    Optional<JsonNode> json = Json.parse(r.body());
    Optional<JsonNode> token = json.flatMap(j -> Json.at(j, tokenField)).filter(JsonNode::isTextual);
    if (token.isEmpty()) {
      return b.finding(FindingCatalog.WEBAPI_AUTH_FAILED.finding(String.format(Locale.ROOT,
          "login answered HTTP %d but the body has no token at field '%s'%s; set profile key fields.token",
          r.status(), tokenField, r.capNote(state.options().bodyCap()))).build()).build();
    }
    char[] t = token.get().asText().toCharArray();
    try {
      state.token(t);
      b.detail("tokenLength", t.length);
      Json.jwtClaims(t).ifPresent(claims -> readClaims(claims, b));
    } finally {
      Arrays.fill(t, '\0');
    }
    boolean refresh = json.flatMap(j -> Json.at(j, state.options().profile().field("refreshToken"))).isPresent();
    b.detail("refreshToken", refresh);
    return b.summary("user " + user + " logged in").build();
  }

  private void readClaims(JsonNode claims, CheckResult.Builder b) {
    JsonNode exp = claims.get("exp");
    JsonNode iat = claims.get("iat");
    if (exp != null && exp.canConvertToLong()) {
      Instant expires = Instant.ofEpochSecond(exp.asLong());
      b.detail("tokenExpiresAt", expires);
      if (iat != null && iat.canConvertToLong()) {
        Duration lifetime = Duration.ofSeconds(exp.asLong() - iat.asLong());
        b.detail("tokenLifetimeMinutes", lifetime.toMinutes());
        state.options().expectedJwtLifetime().ifPresent(expected ->
            b.detail("tokenLifetimeMatchesConfig", expected.toMinutes() == lifetime.toMinutes()));
      }
    }
  }
}
