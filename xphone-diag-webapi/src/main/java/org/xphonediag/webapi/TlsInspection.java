package org.xphonediag.webapi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;

/**
 * What {@link TlsInspector} saw at one endpoint: the chain served, the negotiated protocol, and
 * the findings (untrusted, incomplete chain, host name, validity). Immutable.
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
    Optional<String> protocol, Optional<String> cipherSuite, List<Finding> findings, Duration handshake) {

  /** Validates and copies. */
  public TlsInspection {
    Objects.requireNonNull(host, "host");
    chain = List.copyOf(chain);
    findings = List.copyOf(findings);
  }

  /** The chain as report data: one entry per certificate (subject, issuer, notBefore, notAfter, key, dnsNames). */
  public List<Details> chainDetails() {
    return chain.stream().map(CertificateInfo::toDetails).toList();
  }
}
