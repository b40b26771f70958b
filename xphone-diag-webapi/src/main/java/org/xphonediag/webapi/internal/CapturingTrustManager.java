package org.xphonediag.webapi.internal;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server chain and remembers it, so that the chain can be shown and then verified
 * separately (docs/field-guide.md#tls). Used only for inspection connections that send no credentials.
 */
public final class CapturingTrustManager extends X509ExtendedTrustManager {
  private volatile List<X509Certificate> chain = List.of();
  private volatile String authType;

  /** The chain the server sent, leaf first; empty before the handshake. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The key exchange's authentication type passed by JSSE. */
  public String authType() {
    return authType;
  }

  private void keep(X509Certificate[] c, String type) {
    chain = List.of(c);
    authType = type;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] c, String type) {
    keep(c, type);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] c, String type, Socket socket) {
    keep(c, type);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] c, String type, SSLEngine engine) {
    keep(c, type);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] c, String type) {
    throw new UnsupportedOperationException("client certificates are not checked here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] c, String type, Socket socket) {
    throw new UnsupportedOperationException("client certificates are not checked here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] c, String type, SSLEngine engine) {
    throw new UnsupportedOperationException("client certificates are not checked here");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
