package org.xphonediag.webapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a check trusts: the platform's trust store (the default) or given roots, e.g.
 * a company CA or the testkit lab's root (docs/field-guide.md#tls). Immutable and thread-safe.
 */
public final class TrustMaterial {
  private static final long MAX_FILE_BYTES = 1024 * 1024;

  private final String description;
  private final X509TrustManager trustManager;

  private TrustMaterial(String description, X509TrustManager trustManager) {
    this.description = description;
    this.trustManager = trustManager;
  }

  /** The platform (JDK) trust store. */
  public static TrustMaterial platform() {
    return new TrustMaterial("platform trust store", trustManagerFor(null));
  }

  /** Trusts exactly {@code roots}. */
  public static TrustMaterial of(Collection<X509Certificate> roots) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("trust material needs at least one root certificate");
    }
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (X509Certificate c : roots) {
        ks.setCertificateEntry("root-" + i++, c);
      }
      return new TrustMaterial(roots.size() + " given root certificate(s)", trustManagerFor(ks));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
    }
  }

  /**
   * Reads PEM (or DER) certificates from {@code file} and trusts exactly those.
   *
   * @throws IOException when the file cannot be read or holds no certificate
   */
  public static TrustMaterial fromFile(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException("trust file " + file + " must be at most " + MAX_FILE_BYTES + " bytes but was " + size);
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      Collection<? extends java.security.cert.Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
      List<X509Certificate> roots = new ArrayList<>();
      for (java.security.cert.Certificate c : certs) {
        roots.add((X509Certificate) c);
      }
      if (roots.isEmpty()) {
        throw new IOException("trust file " + file + " holds no certificate (expected PEM or DER X.509)");
      }
      TrustMaterial t = of(roots);
      return new TrustMaterial(roots.size() + " certificate(s) from " + file, t.trustManager);
    } catch (CertificateException e) {
      throw new IOException("trust file " + file + " is not PEM or DER X.509: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManagerFor(KeyStore ks) {
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(ks);
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X509TrustManager in " + f.getAlgorithm());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise the trust manager: " + e.getMessage(), e);
    }
  }

  /** The trust manager verifying server chains. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** For reports: {@code platform trust store} or where the roots came from. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrustMaterial t && t.trustManager == trustManager;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(trustManager);
  }
}
