package org.xphonediag.webapi.internal;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one HTTP call: a response (status, headers, a body read up to the cap) or a
 * failure of a named kind, plus the phase timings. Immutable.
 *
 * @param url the URL called (no credentials in it); after redirects still the URL first called
 *     (a redirect target's query can carry a portal's tokens: see {@code redirects})
 * @param status the HTTP status, 0 for a failure
 * @param headers response headers, names lower case
 * @param body the body bytes read (at most the cap)
 * @param truncated true when the body was longer than the cap
 * @param failure the kind of failure, empty for a response
 * @param error the failure's description (exception class and message), empty for a response
 * @param cause the failure's exception, null for a response
 * @param peerCertificates the chain the server sent, empty without TLS
 * @param timings phase timings
 * @param connectedTo the address connected to (ip:port), or null
 * @param redirects the redirects followed to reach this answer, in order (empty: none)
 */
public record HttpResult(String url, int status, Map<String, List<String>> headers, byte[] body,
    boolean truncated, Optional<Failure> failure, String error, Throwable cause,
    List<X509Certificate> peerCertificates, Map<String, Duration> timings, String connectedTo,
    List<Redirect> redirects) {

  /** A result that followed no redirect. */
  public HttpResult(String url, int status, Map<String, List<String>> headers, byte[] body,
      boolean truncated, Optional<Failure> failure, String error, Throwable cause,
      List<X509Certificate> peerCertificates, Map<String, Duration> timings, String connectedTo) {
    this(url, status, headers, body, truncated, failure, error, cause, peerCertificates, timings, connectedTo,
        List.of());
  }

  /** Copies the list. */
  public HttpResult {
    redirects = List.copyOf(redirects);
  }

  /**
   * One redirect followed.
   *
   * @param status the 3xx status
   * @param from the URL that answered it
   * @param to the URL its {@code Location} resolved to
   */
  public record Redirect(int status, String from, String to) {
    /** The target as {@code host[:port]/path}, without query or fragment (they can carry tokens). */
    public String target() {
      okhttp3.HttpUrl u = okhttp3.HttpUrl.parse(to);
      if (u == null) {
        return "?";
      }
      boolean defaultPort = u.port() == okhttp3.HttpUrl.defaultPort(u.scheme());
      return u.scheme() + "://" + u.host() + (defaultPort ? "" : ":" + u.port()) + u.encodedPath();
    }
  }

  /** This result as reached from {@code firstUrl} through {@code hops}. */
  HttpResult after(String firstUrl, List<Redirect> hops) {
    return new HttpResult(firstUrl, status, headers, body, truncated, failure, error, cause, peerCertificates,
        timings, connectedTo, hops);
  }

  /**
   * What went wrong below HTTP. {@code TLS} is a handshake the client refused (certificate, host
   * name, protocol); {@code TLS_INTERRUPTED} one the server broke off (end of stream, reset,
   * {@code close_notify} before it finished), which is not a certificate problem.
   */
  public enum Failure {
    DNS, CONNECT, TLS, TLS_INTERRUPTED, TIMEOUT, IO, CANCELLED
  }

  /** True for a response with a 2xx status. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** True when the server answered at all. */
  public boolean answered() {
    return failure.isEmpty();
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header (name case-insensitive). */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * For messages about a body that could not be used: empty when the body was complete, else
   * {@code " (the body was cut at the cap of N bytes, WebApiOptions.bodyCap)"}.
   */
  public String capNote(int cap) {
    return truncated ? String.format(java.util.Locale.ROOT,
        " (the body was longer than the cap of %d bytes and was cut there, WebApiOptions.bodyCap)", cap) : "";
  }

  /** True for a 3xx answer with a Location header: a redirect that was not followed. */
  public boolean unfollowedRedirect() {
    return status >= 300 && status < 400 && header("location").isPresent();
  }

  /** For messages: {@code HTTP 404} or {@code timeout (SocketTimeoutException ...)}. */
  public String describe() {
    return failure.map(f -> f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " (" + error + ")")
        .orElse("HTTP " + status);
  }
}
