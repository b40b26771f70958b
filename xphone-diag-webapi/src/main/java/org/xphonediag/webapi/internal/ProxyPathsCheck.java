package org.xphonediag.webapi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.webapi.WebApiProfile;

/**
 * The reverse proxy passes the paths the app uses, in the spellings it uses (docs/field-guide.md#ports-and-paths, rules are
 * case-sensitive): {@code /XPhoneConnect/mobile} and {@code /XPhoneConnect/Mobile}, {@code
 * /XPhoneConnect/webclientapi} and the configured base path ({@code /xphoneconnect/webclientapi}),
 * {@code /XPhoneConnect/doc}, and with web meetings {@code /XPhoneConnect/WebMeeting}. A path one
 * spelling reaches and another does not is {@code proxy.path-case-mismatch}; a path no spelling
 * reaches is {@code proxy.path-blocked}. No credentials are sent.
 *
 * <p>Paths are judged by known routes, not by an application's root (an ASP.NET Core API may
 * answer 404 there): each WebClientApi spelling is probed at the profile's version route and
 * reaches the API when it answers as the configured URL's version route does (same status,
 * media type and page); the Mobile, doc and WebMeeting applications are web pages, probed at
 * their path, and reached by any answer but 403, 404 and 5xx, or by an answer the IIS itself gave
 * ({@code Server: Microsoft-IIS} with no proxy marker: the proxy passed the path).
 */
final class ProxyPathsCheck extends WebApiCheck {
  private final boolean webMeeting;

  ProxyPathsCheck(SessionState state, boolean webMeeting) {
    super(CheckCatalog.PROXY_PATHS, "Reverse-proxy paths", Set.of(CheckCatalog.WEBAPI_HEALTH), state);
    this.webMeeting = webMeeting;
  }

  /** One probe: the path requested and what answered. */
  private record Probe(String path, HttpResult result, PageEvidence page) {
    String describe() {
      String extra = result.answered() ? page.title().map(t -> "titled '" + t + "'").orElse("") : "";
      String server = result.answered() ? page.proxy().or(page::server).orElse("") : "";
      String more = String.join(", ", List.of(extra, server.isEmpty() ? "" : "from " + server).stream()
          .filter(x -> !x.isEmpty()).toList());
      return path + " (" + result.describe() + ")" + (more.isEmpty() ? "" : " [" + more + "]");
    }
  }

  @Override
  protected CheckResult run(CheckContext ctx, HttpUrl base, CheckResult.Builder b) throws InterruptedException {
    String versionRoute = state.options().profile().route(WebApiProfile.VERSION).path();
    String configured = base.encodedPath().replaceAll("/+$", "");
    List<String> apiSpellings = new ArrayList<>(List.of("/XPhoneConnect/webclientapi"));
    if (!apiSpellings.contains(configured)) {
      apiSpellings.add(configured);
    }
    // what the WebClientApi answers on its version route at the configured URL
    Probe reference = probe(ctx, base, configured + versionRoute);
    Map<String, Object> seen = new LinkedHashMap<>();
    int problems = 0;
    List<List<String>> pageGroups = new ArrayList<>(List.of(
        List.of("/XPhoneConnect/mobile", "/XPhoneConnect/Mobile")));
    problems += judge(ctx, base, b, seen, pageGroups.get(0), "", null);
    problems += judge(ctx, base, b, seen, apiSpellings, versionRoute, apiAnswer(reference) ? reference : null);
    problems += judge(ctx, base, b, seen, List.of("/XPhoneConnect/doc"), "", null);
    if (webMeeting) {
      problems += judge(ctx, base, b, seen, List.of("/XPhoneConnect/WebMeeting"), "", null);
    }
    b.detail("paths", seen);
    return b.summary(problems == 0 ? "every required path reaches its application in every spelling"
        : problems + " path group(s) not passed as the app needs").build();
  }

  /** Probes each spelling (plus {@code suffix}) and adds a finding when not all reach; returns 1 for a finding. */
  private int judge(CheckContext ctx, HttpUrl base, CheckResult.Builder b, Map<String, Object> seen,
      List<String> spellings, String suffix, Probe reference) throws InterruptedException {
    List<Probe> reached = new ArrayList<>();
    List<Probe> missed = new ArrayList<>();
    for (String spelling : spellings) {
      String path = spelling + suffix;
      Probe p = reference != null && reference.path().equals(path) ? reference : probe(ctx, base, path);
      seen.put(path, p.result().describe());
      boolean ok = reference != null ? sameAnswer(p, reference) : pageReached(p);
      (ok ? reached : missed).add(p);
    }
    if (missed.isEmpty()) {
      return 0;
    }
    String group = spellings.get(0);
    String missedText = String.join(", ", missed.stream().map(Probe::describe).toList());
    if (reached.isEmpty()) {
      b.finding(FindingCatalog.PROXY_PATH_BLOCKED.finding(String.format(Locale.ROOT,
          "%s on %s does not reach %s: %s", group, base.host(), reference != null ? "the WebClientApi"
              : "an application", missedText)).evidence("path", group).build());
    } else {
      b.finding(FindingCatalog.PROXY_PATH_CASE_MISMATCH.finding(String.format(Locale.ROOT,
          "paths are case-sensitive at the proxy: %s reaches %s but %s does not",
          String.join(", ", reached.stream().map(Probe::describe).toList()),
          reference != null ? "the WebClientApi" : "the application", missedText)).evidence("path", group).build());
    }
    return 1;
  }

  private Probe probe(CheckContext ctx, HttpUrl base, String path) throws InterruptedException {
    HttpUrl url = base.newBuilder().encodedPath(path).query(null).build();
    HttpResult r = state.http().call(ctx, "GET", url, null, null, Map.of());
    return new Probe(path, r, PageEvidence.of(r));
  }

  /** True when the configured URL's version route answered as the WebClientApi can: no HTML page, no failure. */
  private static boolean apiAnswer(Probe reference) {
    return reference.result().answered() && !reference.page().html() && reference.result().redirects().isEmpty();
  }

  /** Same status, media type, kind of body and title as the reference: the same application answered. */
  private static boolean sameAnswer(Probe p, Probe reference) {
    PageEvidence a = p.page();
    PageEvidence r = reference.page();
    return p.result().answered() && a.status() == r.status() && a.contentType().equals(r.contentType())
        && a.json() == r.json() && a.html() == r.html() && Objects.equals(a.title(), r.title());
  }

  /** A web application's page answered: anything but 403, 404, 5xx, unless the IIS itself answered. */
  private static boolean pageReached(Probe p) {
    HttpResult r = p.result();
    if (!r.answered()) {
      return false;
    }
    if (r.status() != 403 && r.status() != 404 && r.status() < 500) {
      return true;
    }
    boolean iis = p.page().server().map(s -> s.toLowerCase(Locale.ROOT).startsWith("microsoft-iis")).orElse(false);
    return iis && p.page().proxy().isEmpty() && p.page().via().isEmpty();
  }
}
