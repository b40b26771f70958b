package org.xphonediag.webapi.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.core.Finding;

/**
 * What an HTTP answer shows about who gave it (docs/field-guide.md#ports-and-paths, #proxies): status, media type, whether it is
 * an HTML page or JSON, the page title, the cookie names it sets (never their values), the
 * {@code Server}, {@code Via} and {@code X-Powered-By} headers and the proxy product they or the
 * page reveal ({@link ProxyHints}). The WebClientApi answers its routes with JSON; an HTML page
 * there comes from something in front of it. Immutable.
 *
 * @param status the HTTP status
 * @param contentType the media type, lower case without parameters, empty when none was sent
 * @param html true for {@code text/html}/{@code application/xhtml+xml} or a body that starts as HTML
 * @param json true for a JSON media type or a body that is a JSON object or array
 * @param title the page's {@code <title>}, whitespace collapsed, at most {@value #MAX_TITLE} characters
 * @param cookieNames the names of the cookies set, in order
 * @param server the {@code Server} header
 * @param via the {@code Via} header
 * @param poweredBy the {@code X-Powered-By} header
 * @param proxy the proxy product and its marker, when one shows
 */
public record PageEvidence(int status, String contentType, boolean html, boolean json, Optional<String> title,
    List<String> cookieNames, Optional<String> server, Optional<String> via, Optional<String> poweredBy,
    Optional<String> proxy) {
  /** Longest title kept. */
  static final int MAX_TITLE = 120;
  /** How much of a body is searched for the title and markers. */
  private static final int SCAN = 64 * 1024;
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");

  /** Copies the list. */
  public PageEvidence {
    cookieNames = List.copyOf(cookieNames);
  }

  /** The evidence of a response; a failure gives status 0 and nothing else. */
  public static PageEvidence of(HttpResult r) {
    return of(r.status(), r.headers(), r.body());
  }

  /** The evidence of an answer with {@code headers} (names lower case) and {@code body}. */
  public static PageEvidence of(int status, Map<String, List<String>> headers, byte[] body) {
    String type = first(headers, "content-type").map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .orElse("");
    String text = new String(body, 0, Math.min(body.length, SCAN), StandardCharsets.UTF_8);
    String start = text.replace("\uFEFF", "").stripLeading().toLowerCase(Locale.ROOT);
    boolean html = type.equals("text/html") || type.equals("application/xhtml+xml")
        || start.startsWith("<!doctype html") || start.startsWith("<html");
    boolean json = !html && (type.equals("application/json") || type.endsWith("+json")
        || Json.parse(body).filter(j -> j.isObject() || j.isArray()).isPresent());
    Optional<String> title = html ? title(text) : Optional.empty();
    return new PageEvidence(status, type, html, json, title, cookieNames(headers), first(headers, "server"),
        first(headers, "via"), first(headers, "x-powered-by"), ProxyHints.detect(headers, html ? text : ""));
  }

  /** The names of the cookies {@code Set-Cookie} headers (names lower case) set, in order, each once. */
  public static List<String> cookieNames(Map<String, List<String>> headers) {
    Set<String> names = new LinkedHashSet<>();
    for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
      int eq = cookie.indexOf('=');
      String name = (eq < 0 ? cookie : cookie.substring(0, eq)).trim();
      if (!name.isEmpty() && name.length() <= 128) {
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * For messages: {@code HTTP 403 (text/html, "Access denied", Server: nginx)}: the status and
   * what is known of the page.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!contentType.isEmpty()) {
      parts.add(contentType);
    }
    title.ifPresent(t -> parts.add("titled '" + t + "'"));
    server.ifPresent(s -> parts.add("Server: " + s));
    via.ifPresent(v -> parts.add("Via: " + v));
    return "HTTP " + status + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  /**
   * Adds this evidence to {@code f} under keys {@code prefix + "Status"} and so on ({@code status},
   * {@code contentType}, {@code title}, {@code cookies}, {@code server}, {@code via},
   * {@code poweredBy} without a prefix), and the proxy under {@code proxy}.
   */
  public Finding.Builder addTo(Finding.Builder f, String prefix) {
    return addTo(f, prefix, key(prefix, "status"));
  }

  /** As {@link #addTo(Finding.Builder, String)}, with the status under {@code statusKey}. */
  public Finding.Builder addTo(Finding.Builder f, String prefix, String statusKey) {
    f.evidence(statusKey, status);
    if (!contentType.isEmpty()) {
      f.evidence(key(prefix, "contentType"), contentType);
    }
    title.ifPresent(t -> f.evidence(key(prefix, "title"), t));
    if (!cookieNames.isEmpty()) {
      f.evidence(key(prefix, "cookies"), cookieNames);
    }
    server.ifPresent(s -> f.evidence(key(prefix, "server"), s));
    via.ifPresent(v -> f.evidence(key(prefix, "via"), v));
    poweredBy.ifPresent(p -> f.evidence(key(prefix, "poweredBy"), p));
    proxy.ifPresent(p -> f.evidence("proxy", p));
    return f;
  }

  private static String key(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  static Optional<String> title(String html) {
    Matcher m = TITLE.matcher(html);
    if (!m.find()) {
      return Optional.empty();
    }
    String t = TAG.matcher(m.group(1)).replaceAll(" ");
    t = decodeEntities(t).replaceAll("\\s+", " ").trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(t.length() > MAX_TITLE ? t.substring(0, MAX_TITLE - 1) + "…" : t);
  }

  private static String decodeEntities(String s) {
    Matcher m = NUMERIC_ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int cp;
      try {
        cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
      } catch (NumberFormatException e) {
        cp = '?';
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(Character.isValidCodePoint(cp) && cp >= 0x20
          ? new String(Character.toChars(cp)) : " "));
    }
    m.appendTail(sb);
    return sb.toString().replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
  }
}
