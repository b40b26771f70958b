package org.xphonediag.webapi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Outcome;

/**
 * What {@link TlsInspector} saw at one endpoint: the chain served, the negotiated protocol, and
 * the findings (untrusted, incomplete chain, host name, validity). The outcome of {@code tls.chain}
 * ({@link TlsCheck}): read it with {@code result.outcome(TlsInspection.class)}. Immutable.
 *
 * @param host the host name checked against the certificate
 * @param port the TCP port
 * @param address the address connected to (ip:port), empty when no connection was made
 * @param chain the certificates in the order the server sent them, leaf first
 * @param protocol the TLS version, empty without a handshake
 * @param cipherSuite the cipher suite, empty without a handshake
 * @param findings what is wrong, empty when the chain is fine
 * @param handshake how long connect plus handshake took
 */
public record TlsInspection(String host, int port, Optional<String> address, List<CertificateInfo> chain,
    Optional<String> protocol, Optional<String> cipherSuite, List<Finding> findings, Duration handshake)
    implements Outcome {

  /** Validates and copies. */
  public TlsInspection {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(handshake, "handshake");
    chain = List.copyOf(chain);
    findings = List.copyOf(findings);
  }

  /** The chain as report data: one entry per certificate (subject, issuer, notBefore, notAfter, key, dnsNames). */
  public List<Details> chainDetails() {
    return chain.stream().map(CertificateInfo::toDetails).toList();
  }

  /**
   * The inspection as report details: {@code host}, {@code port}, {@code address}, {@code protocol} and
   * {@code cipherSuite} (each when known), {@code chain} ({@link #chainDetails()}) and {@code handshake}.
   * The findings are not part of it: they go on the check's result.
   */
  @Override
  public Details details() {
    Details.Builder b = Details.builder().put("host", host).put("port", port);
    address.ifPresent(a -> b.put("address", a));
    protocol.ifPresent(p -> b.put("protocol", p));
    cipherSuite.ifPresent(c -> b.put("cipherSuite", c));
    return b.put("chain", chainDetails()).put("handshake", handshake).build();
  }
}
