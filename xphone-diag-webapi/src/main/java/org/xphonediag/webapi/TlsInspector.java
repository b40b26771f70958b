package org.xphonediag.webapi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Options;
import org.xphonediag.core.net.HostResolver;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.webapi.internal.CapturingTrustManager;
import org.xphonediag.webapi.internal.HostnameMatcher;
import org.xphonediag.webapi.internal.TlsFailures;

/**
 * Connects to a TLS endpoint, records the chain it serves and tells apart why a phone would
 * reject it (docs/field-guide.md#tls, #connection-test step 2): {@code tls.untrusted}, {@code tls.chain-incomplete} (the leaf
 * without its intermediate: desktop browsers repair that, phones do not), {@code
 * tls.hostname-mismatch}, {@code tls.sub-subdomain-wildcard} (RFC 6125 §6.4.3), {@code
 * tls.expired}, {@code tls.not-yet-valid} and the WARN {@code tls.expires-soon} (default 14 days).
 *
 * <p>The chain is captured without trusting it and then verified with the given trust material
 * (default: the platform trust store). A handshake the server breaks off (end of stream, reset,
 * {@code close_notify} before it finished) is {@code webapi.unreachable} with evidence {@code
 * handshake: interrupted}, never a certificate finding: only a finished handshake is evaluated. Incomplete means the server sent one certificate that is
 * not self-issued and whose issuer is no trust anchor. Default deadline 10 s for connect plus
 * handshake, never past the check's remaining time; cancellation closes the socket. Thread-safe.
 *
 * <pre>{@code
 * TlsInspection t = TlsInspector.builder().build().inspect("xphone.example.com", 443, ctx);
 * }</pre>
 */
public final class TlsInspector {
  /** Default warning threshold before expiry. */
  public static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(14);

  private final TrustMaterial trust;
  private final HostResolver resolver;
  private final Duration timeout;
  private final Duration expiryWarning;
  private final Clock clock;

  private TlsInspector(Builder b) {
    this.trust = b.trust != null ? b.trust : TrustMaterial.platform();
    this.resolver = b.resolver != null ? b.resolver : HostResolver.system();
    this.timeout = b.timeout != null ? b.timeout : Duration.ofSeconds(10);
    this.expiryWarning = b.expiryWarning != null ? b.expiryWarning : DEFAULT_EXPIRY_WARNING;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
  }

  /** Defaults: platform trust, system resolver, 10 s, 14 days, system UTC clock. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to {@code host:port} and inspects the chain. Network trouble is a
   * {@code webapi.unreachable} finding, never an exception.
   *
   * @throws InterruptedException when the check is cancelled
   */
  public TlsInspection inspect(String host, int port, CheckContext ctx) throws InterruptedException {
    long start = System.nanoTime();
    List<Finding> findings = new ArrayList<>();
    InetAddress address;
    try {
      address = resolver.resolve(host).get(0);
    } catch (UnknownHostException | IndexOutOfBoundsException e) {
      findings.add(FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
          "host %s does not resolve (DNS), so no TLS connection to port %d", host, port)).build());
      return new TlsInspection(host, port, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
          findings, elapsed(start));
    }
    Duration left = ctx.remaining().compareTo(timeout) < 0 ? ctx.remaining() : timeout;
    String target = new InetSocketAddress(address, port).getAddress().getHostAddress() + ":" + port;
    CapturingTrustManager capture = new CapturingTrustManager();
    AtomicReference<Socket> socketRef = new AtomicReference<>();
    CompletableFuture<SSLSocket> done = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      try {
        done.complete(handshake(host, address, port, left, capture, socketRef));
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, "xphone-diag-tls-" + host + ":" + port);
    worker.setDaemon(true);
    worker.start();
    SSLSocket socket = null;
    try {
      long deadline = System.nanoTime() + left.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
      while (socket == null) {
        if (ctx.isCancelled()) {
          throw new InterruptedException("check " + ctx.checkId() + " was cancelled during the TLS handshake with "
              + target);
        }
        long wait = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50));
        if (wait <= 0) {
          throw new TimeoutException();
        }
        try {
          socket = done.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // poll cancellation again
        }
      }
    } catch (TimeoutException e) {
      findings.add(unreachable(host, port, target, "no TLS handshake within " + left.toMillis() + " ms"));
      return new TlsInspection(host, port, Optional.of(target), List.of(), Optional.empty(), Optional.empty(),
          findings, elapsed(start));
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      String what = c instanceof SocketTimeoutException ? "no TLS handshake within " + left.toMillis() + " ms"
          : TlsFailures.describe(c);
      Finding.Builder f = FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
          "TLS connection to %s:%d (%s) failed: %s", host, port, target, what)).evidence("address", target);
      if (TlsFailures.interrupted(c)) {
        f.evidence("handshake", "interrupted");
      }
      findings.add(f.build());
      return new TlsInspection(host, port, Optional.of(target), List.of(), Optional.empty(), Optional.empty(),
          findings, elapsed(start));
    } finally {
      Socket s = socketRef.get();
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket
        }
      }
      worker.join(1000);
    }
    List<X509Certificate> chain = capture.chain();
    return new TlsInspection(host, port, Optional.of(target), chain.stream().map(CertificateInfo::of).toList(),
        Optional.ofNullable(socket.getSession().getProtocol()), Optional.ofNullable(socket.getSession().getCipherSuite()),
        evaluate(host, chain, capture.authType()), elapsed(start));
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static Finding unreachable(String host, int port, String target, String what) {
    return FindingCatalog.WEBAPI_UNREACHABLE.finding(String.format(Locale.ROOT,
        "TLS connection to %s:%d (%s) failed: %s", host, port, target, what))
        .evidence("address", target).build();
  }

  private static SSLSocket handshake(String host, InetAddress address, int port, Duration timeout,
      CapturingTrustManager capture, AtomicReference<Socket> socketRef) throws IOException, GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {capture}, null);
    Socket raw = new Socket();
    socketRef.set(raw);
    int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    raw.connect(new InetSocketAddress(address, port), ms);
    raw.setSoTimeout(ms);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true);
    socketRef.set(s);
    if (IpAddress.tryParse(host).isEmpty()) {
      SSLParameters p = s.getSSLParameters();
      p.setServerNames(List.of(new SNIHostName(host)));
      s.setSSLParameters(p);
    }
    s.startHandshake();
    // the JDK returns normally when the server answers with close_notify mid-handshake: only a
    // finished handshake that showed a certificate counts (TlsFailures)
    if (!TlsFailures.completed(s.getSession()) || capture.chain().isEmpty()) {
      throw new TlsFailures.HandshakeInterrupted("the server ended the TLS handshake (close_notify) before "
          + (capture.chain().isEmpty() ? "sending its certificate" : "finishing it"));
    }
    return s;
  }

  /**
   * Evaluates a served chain (leaf first) for {@code host}: validity, host name, trust. Used by
   * {@link #inspect} and by {@code webapi.health} on the chain okhttp saw.
   */
  public List<Finding> evaluate(String host, List<X509Certificate> chain, String authType) {
    List<Finding> findings = new ArrayList<>();
    if (chain.isEmpty()) {
      findings.add(FindingCatalog.TLS_UNTRUSTED.finding("server at " + host + " sent no certificate").build());
      return findings;
    }
    Instant now = clock.instant();
    boolean timeProblem = false;
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      String which = i == 0 ? "certificate of " + host : "chain certificate " + i + " ("
          + c.getSubjectX500Principal().getName() + ")";
      Instant notAfter = c.getNotAfter().toInstant();
      Instant notBefore = c.getNotBefore().toInstant();
      if (now.isAfter(notAfter)) {
        timeProblem = true;
        findings.add(FindingCatalog.TLS_EXPIRED.finding(which + " expired: valid until " + notAfter + ", now " + now)
            .evidence("notAfter", notAfter).evidence("subject", c.getSubjectX500Principal().getName()).build());
      } else if (now.isBefore(notBefore)) {
        timeProblem = true;
        findings.add(FindingCatalog.TLS_NOT_YET_VALID.finding(which + " not yet valid: valid from " + notBefore
            + ", now " + now).evidence("notBefore", notBefore).build());
      } else if (Duration.between(now, notAfter).compareTo(expiryWarning) < 0) {
        findings.add(FindingCatalog.TLS_EXPIRES_SOON.finding(String.format(Locale.ROOT,
            "%s expires on %s, in %d day(s) (warning below %d days)", which, notAfter,
            Duration.between(now, notAfter).toDays(), expiryWarning.toDays()))
            .evidence("notAfter", notAfter).build());
      }
    }
    CertificateInfo leaf = CertificateInfo.of(chain.get(0));
    HostnameMatcher.Outcome m = HostnameMatcher.match(host, leaf.dnsNames());
    if (m == HostnameMatcher.Outcome.SUB_SUBDOMAIN_WILDCARD) {
      findings.add(FindingCatalog.TLS_SUB_SUBDOMAIN_WILDCARD.finding(String.format(Locale.ROOT,
          "a wildcard covers exactly one label (RFC 6125 §6.4.3), but host %s is deeper than the certificate's "
              + "names %s", host, leaf.dnsNames())).evidence("dnsNames", leaf.dnsNames()).build());
    } else if (m == HostnameMatcher.Outcome.MISMATCH) {
      findings.add(FindingCatalog.TLS_HOSTNAME_MISMATCH.finding(String.format(Locale.ROOT,
          "certificate names %s but the URL's host is %s", leaf.dnsNames(), host))
          .evidence("dnsNames", leaf.dnsNames()).build());
    }
    X509TrustManager tm = trust.trustManager();
    try {
      tm.checkServerTrusted(chain.toArray(new X509Certificate[0]), authType == null ? "UNKNOWN" : authType);
    } catch (CertificateException e) {
      if (!timeProblem) {
        findings.add(trustFinding(host, chain, tm, e));
      }
    }
    return findings;
  }

  private Finding trustFinding(String host, List<X509Certificate> chain, X509TrustManager tm, CertificateException e) {
    X509Certificate last = chain.get(chain.size() - 1);
    boolean lastSelfIssued = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
    boolean issuerIsAnchor = false;
    for (X509Certificate a : tm.getAcceptedIssuers()) {
      if (a.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
        issuerIsAnchor = true;
      }
    }
    if (chain.size() == 1 && !lastSelfIssued && !issuerIsAnchor) {
      return FindingCatalog.TLS_CHAIN_INCOMPLETE.finding(String.format(Locale.ROOT,
          "server at %s sent only its own certificate, issued by %s, without that intermediate; phones cannot "
              + "build the chain to a trusted root (%s)", host, last.getIssuerX500Principal().getName(),
          trust.description())).evidence("issuer", last.getIssuerX500Principal().getName())
          .evidence("served", chain.size()).build();
    }
    return FindingCatalog.TLS_UNTRUSTED.finding(String.format(Locale.ROOT,
        "chain served by %s (%d certificate(s), top issuer %s) does not lead to a root in the %s: %s", host,
        chain.size(), last.getIssuerX500Principal().getName(), trust.description(), rootMessage(e)))
        .evidence("served", chain.size()).build();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Builds a {@link TlsInspector}; not thread-safe. Each option may be set once ({@link IllegalStateException} otherwise). */
  public static final class Builder {
    private static final String OWNER = "TlsInspector";
    private TrustMaterial trust;
    private HostResolver resolver;
    private Duration timeout;
    private Duration expiryWarning;
    private Clock clock;

    private Builder() {}

    public Builder trust(TrustMaterial trust) {
      Objects.requireNonNull(trust, "trust");
      Options.requireUnset("trust", this.trust, OWNER);
      this.trust = trust;
      return this;
    }

    public Builder resolver(HostResolver resolver) {
      Objects.requireNonNull(resolver, "resolver");
      Options.requireUnset("resolver", this.resolver, OWNER);
      this.resolver = resolver;
      return this;
    }

    /** Deadline for connect plus handshake; must be positive. */
    public Builder timeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive but was " + timeout);
      }
      Options.requireUnset("timeout", this.timeout, OWNER);
      this.timeout = timeout;
      return this;
    }

    public Builder expiryWarning(Duration expiryWarning) {
      Objects.requireNonNull(expiryWarning, "expiryWarning");
      Options.requireUnset("expiryWarning", this.expiryWarning, OWNER);
      this.expiryWarning = expiryWarning;
      return this;
    }

    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      Options.requireUnset("clock", this.clock, OWNER);
      this.clock = clock;
      return this;
    }

    public TlsInspector build() {
      return new TlsInspector(this);
    }
  }
}
