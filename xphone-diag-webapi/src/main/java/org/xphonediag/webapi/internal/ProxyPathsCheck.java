package org.xphonediag.webapi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.webapi.WebApiCheckIds;

/**
 * The reverse proxy passes the paths the app uses, in the spellings it uses (docs/field-guide.md#ports-and-paths, rules are
 * case-sensitive): {@code /XPhoneConnect/mobile} and {@code /XPhoneConnect/Mobile}, {@code
 * /XPhoneConnect/webclientapi} and the configured {@code /xphoneconnect/webclientapi}, {@code
 * /XPhoneConnect/doc}, and optionally {@code /XPhoneConnect/WebMeeting}. A path one spelling
 * reaches and the other does not is {@code proxy.path-case-mismatch}; a path no spelling reaches is
 * {@code proxy.path-blocked}. Reached means an HTTP answer other than 403, 404 and 5xx (401 counts:
 * the application answered). No credentials are sent.
 */
final class ProxyPathsCheck extends WebApiCheck {
  private final boolean webMeeting;

  ProxyPathsCheck(SessionState state, boolean webMeeting) {
    super(WebApiCheckIds.PROXY_PATHS, "Reverse-proxy paths", Set.of(WebApiCheckIds.HEALTH), state);
    this.webMeeting = webMeeting;
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
    List<List<String>> groups = new ArrayList<>(List.of(
        List.of("/XPhoneConnect/mobile", "/XPhoneConnect/Mobile"),
        List.of("/XPhoneConnect/webclientapi", "/xphoneconnect/webclientapi"),
        List.of("/XPhoneConnect/doc")));
    if (webMeeting) {
      groups.add(List.of("/XPhoneConnect/WebMeeting"));
    }
    Map<String, Object> seen = new LinkedHashMap<>();
    int problems = 0;
    for (List<String> group : groups) {
      List<String> reached = new ArrayList<>();
      List<String> missed = new ArrayList<>();
      for (String path : group) {
        HttpUrl url = base.newBuilder().encodedPath(path).query(null).build();
        HttpResult r = state.http().call(ctx, "GET", url, null, null, Map.of());
        seen.put(path, r.describe());
        boolean ok = r.answered() && r.status() != 403 && r.status() != 404 && r.status() < 500;
        (ok ? reached : missed).add(path + " (" + r.describe() + ")");
      }
      if (reached.isEmpty()) {
        problems++;
        b.finding(FindingCatalog.PROXY_PATH_BLOCKED.finding(String.format(Locale.ROOT,
            "%s on %s does not reach the application: %s", group.get(0), base.host(), String.join(", ", missed)))
            .evidence("path", group.get(0)).build());
      } else if (!missed.isEmpty()) {
        problems++;
        b.finding(FindingCatalog.PROXY_PATH_CASE_MISMATCH.finding(String.format(Locale.ROOT,
            "paths are case-sensitive at the proxy: %s reaches the application but %s does not",
            String.join(", ", reached), String.join(", ", missed))).evidence("path", group.get(0)).build());
      }
    }
    b.detail("paths", seen);
    return b.summary(problems == 0 ? "every required path reaches the application in every spelling"
        : problems + " path group(s) not passed as the app needs").build();
  }
}
