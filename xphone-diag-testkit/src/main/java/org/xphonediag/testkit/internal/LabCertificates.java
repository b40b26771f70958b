package org.xphonediag.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.xphonediag.testkit.Scenario;

/**
 * The lab's certificates: a root, an intermediate and a leaf for the lab host, built per lab
 * (ECDSA P-256, fresh keys) and shaped by the scenario (docs/field-guide.md#tls).
 */
public final class LabCertificates {
  private final HeldCertificate root;
  private final HeldCertificate intermediate;
  private final HeldCertificate leaf;
  private final boolean sendIntermediate;

  /** Certificates for {@code host} in {@code scenario}. */
  public LabCertificates(String host, Scenario scenario, Instant now) {
    long nowMs = now.toEpochMilli();
    long day = Duration.ofDays(1).toMillis();
    this.root = new HeldCertificate.Builder().commonName("xphone-diag lab root").certificateAuthority(1)
        .validityInterval(nowMs - day, nowMs + 3650 * day).build();
    this.intermediate = new HeldCertificate.Builder().commonName("xphone-diag lab intermediate")
        .certificateAuthority(0).signedBy(root).validityInterval(nowMs - day, nowMs + 1825 * day).build();
    HeldCertificate.Builder lb = new HeldCertificate.Builder().signedBy(intermediate);
    switch (scenario) {
      case WRONG_HOST -> lb.commonName("other.example.net").addSubjectAlternativeName("other.example.net");
      case SUB_SUBDOMAIN_WILDCARD -> lb.commonName("*.example.com").addSubjectAlternativeName("*.example.com");
      default -> lb.commonName(host).addSubjectAlternativeName(host).addSubjectAlternativeName("localhost");
    }
    if (scenario == Scenario.EXPIRED) {
      lb.validityInterval(nowMs - 90 * day, nowMs - day);
    } else {
      lb.validityInterval(nowMs - day, nowMs + 365 * day);
    }
    this.leaf = lb.build();
    this.sendIntermediate = scenario != Scenario.INCOMPLETE_CHAIN;
  }

  /** The root certificate clients trust. */
  public HeldCertificate root() {
    return root;
  }

  /** The server side: leaf plus (unless the chain is incomplete) the intermediate. */
  public HandshakeCertificates server() {
    HandshakeCertificates.Builder b = new HandshakeCertificates.Builder();
    if (sendIntermediate) {
      b.heldCertificate(leaf, intermediate.certificate());
    } else {
      b.heldCertificate(leaf);
    }
    return b.build();
  }
}
