package org.xphonediag.webapi;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xphonediag.core.Details;

/**
 * One certificate of a served chain as reports show it: subject, issuer, validity, key and the
 * DNS names it covers (docs/field-guide.md#tls). Immutable.
 *
 * @param subject the subject DN (RFC 2253)
 * @param issuer the issuer DN (RFC 2253)
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param key key algorithm and size, e.g. {@code RSA 2048} or {@code EC 256}
 * @param dnsNames the subject alternative DNS names (and IP addresses), in certificate order
 * @param selfIssued true when subject equals issuer
 */
public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter, String key,
    List<String> dnsNames, boolean selfIssued) {

  /** Validates and copies. */
  public CertificateInfo {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(key, "key");
    dnsNames = List.copyOf(dnsNames);
  }

  /** Reads the fields of {@code cert}. */
  public static CertificateInfo of(X509Certificate cert) {
    String subject = cert.getSubjectX500Principal().getName();
    String issuer = cert.getIssuerX500Principal().getName();
    List<String> names = new ArrayList<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          Object type = san.get(0);
          if (type instanceof Integer t && (t == 2 || t == 7)) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      names.add("(unreadable subjectAltName: " + e.getMessage() + ")");
    }
    return new CertificateInfo(subject, issuer, cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
        describeKey(cert.getPublicKey()), names, subject.equals(issuer));
  }

  private static String describeKey(PublicKey k) {
    if (k instanceof RSAPublicKey r) {
      return "RSA " + r.getModulus().bitLength();
    }
    if (k instanceof ECPublicKey e) {
      return "EC " + e.getParams().getCurve().getField().getFieldSize();
    }
    return k.getAlgorithm();
  }

  /** The fields as report details: subject, issuer, notBefore, notAfter, key, dnsNames. */
  public Details toDetails() {
    return Details.builder().put("subject", subject).put("issuer", issuer).put("notBefore", notBefore)
        .put("notAfter", notAfter).put("key", key).put("dnsNames", dnsNames).build();
  }
}
