package org.xphonediag.webapi.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.net.IpAddress;

/**
 * Step 1 of the app's connection test (docs/field-guide.md#connection-test, #ports-and-paths): the configured WebAPI URL is https, ends
 * with the profile's base path ({@code /xphoneconnect/webclientapi}, as is), its host resolves
 * (all addresses listed) and matches the Mobile URL's host when both are given.
 */
final class ConfiguredUrlCheck extends WebApiCheck {
  ConfiguredUrlCheck(SessionState state) {
    super(CheckCatalog.WEBAPI_CONFIGURED_URL, "Configured WebAPI URL", Set.of(), state);
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl ignored, CheckResult.Builder b) throws InterruptedException {
    String url = state.options().url().orElse(null);
    if (url == null || url.isBlank()) {
      return b.finding(FindingCatalog.WEBAPI_URL_NOT_CONFIGURED.finding("no WebAPI URL was given").build()).build();
    }
    b.detail("url", url);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return b.finding(FindingCatalog.WEBAPI_URL_NOT_CONFIGURED.finding(String.format(Locale.ROOT,
          "WebAPI URL '%s' is not a URL: %s at index %d", url, e.getReason(), e.getIndex())).build()).build();
    }
    boolean ok = true;
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      ok = false;
      b.finding(FindingCatalog.WEBAPI_URL_NOT_CONFIGURED.finding(String.format(Locale.ROOT,
          "WebAPI URL must use https but uses '%s': %s", uri.getScheme(), url)).build());
    }
    String basePath = state.options().profile().basePath();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (!trimmed.endsWith(basePath)) {
      ok = false;
      b.finding(FindingCatalog.WEBAPI_URL_NOT_CONFIGURED.finding(String.format(Locale.ROOT,
          "WebAPI URL must end with %s (as is, docs/field-guide.md#ports-and-paths) but its path is '%s'", basePath, path))
          .evidence("path", path).build());
    }
    String host = uri.getHost();
    if (host == null) {
      return b.finding(FindingCatalog.WEBAPI_URL_NOT_CONFIGURED.finding("WebAPI URL '" + url + "' has no host")
          .build()).build();
    }
    b.detail("host", host);
    try {
      List<InetAddress> addresses = state.options().resolver().resolve(host);
      b.detail("addresses", addresses.stream().map(a -> IpAddress.of(a).toString()).toList());
      b.detail("addressClasses", addresses.stream().map(a -> IpAddress.of(a).addressClass()).toList());
    } catch (UnknownHostException e) {
      ok = false;
      b.finding(FindingCatalog.WEBAPI_URL_NOT_CONFIGURED.finding(String.format(Locale.ROOT,
          "host %s of the WebAPI URL does not resolve (DNS)", host)).build());
    }
    ctx.checkCancelled();
    if (state.options().mobileUrl().isPresent()) {
      String mobile = state.options().mobileUrl().get();
      String mobileHost = null;
      try {
        mobileHost = new URI(mobile).getHost();
      } catch (URISyntaxException e) {
        // reported below as a mismatch
      }
      b.detail("mobileUrl", mobile);
      if (mobileHost == null || !mobileHost.equalsIgnoreCase(host)) {
        ok = false;
        b.finding(FindingCatalog.WEBAPI_URL_NOT_CONFIGURED.finding(String.format(Locale.ROOT,
            "the Mobile URL's host (%s) differs from the WebAPI URL's host (%s); both external URLs belong on the "
                + "same host", mobileHost, host)).build());
      }
    }
    return b.summary(ok ? "WebAPI URL " + url + " is usable" : "WebAPI URL " + url + " is not usable").build();
  }
}
