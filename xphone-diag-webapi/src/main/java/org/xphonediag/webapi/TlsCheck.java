package org.xphonediag.webapi;

import java.util.Objects;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;

/**
 * The {@code tls.chain} check: the chain a TLS endpoint serves and what a phone would object to
 * (docs/field-guide.md#tls, #connection-test step 2), as {@link TlsInspector} finds it. Its outcome is the
 * {@link TlsInspection} ({@code result.outcome(TlsInspection.class)}); the details derived from it hold
 * {@code host}, {@code port}, {@code address}, {@code protocol}, {@code cipherSuite}, {@code chain}
 * (subject, issuer, notBefore, notAfter, key, dnsNames per certificate) and {@code handshake}.
 */
public final class TlsCheck implements Check {
  private final String host;
  private final int port;
  private final TlsInspector inspector;

  private TlsCheck(String host, int port, TlsInspector inspector) {
    this.host = Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535 but was " + port);
    }
    this.port = port;
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** A check of {@code host:port} with {@code inspector}. */
  public static TlsCheck of(String host, int port, TlsInspector inspector) {
    return new TlsCheck(host, port, inspector);
  }

  @Override
  public CheckId id() {
    return CheckCatalog.TLS_CHAIN;
  }

  @Override
  public String title() {
    return "TLS chain of " + host + ":" + port;
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    TlsInspection t = inspector.inspect(host, port, context);
    CheckResult.Builder b = CheckResult.builder(id()).title(title()).outcome(t).findings(t.findings());
    return b.summary(t.findings().isEmpty() ? t.chain().size() + " certificate(s) served, chain valid for " + host
        : t.findings().size() + " problem(s) with the TLS endpoint " + host + ":" + port).build();
  }

  /** The last inspection is not kept: run the check to get it. */
  @Override
  public String toString() {
    return "TlsCheck[" + host + ":" + port + "]";
  }
}
