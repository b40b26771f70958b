package org.xphonediag.webapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;

class TlsFailuresTest {
  private static SSLHandshakeException withCause(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    e.initCause(cause);
    return e;
  }

  @Test
  void interruptedWhenEndOfStreamResetOrCloseNotifyThenTrueAndDescribed() {
    Throwable eof = withCause("Remote host terminated the handshake", new EOFException("SSL peer shut down incorrectly"));
    assertTrue(TlsFailures.interrupted(eof));
    assertEquals("the server closed the connection during the TLS handshake (end of stream)", TlsFailures.describe(eof));
    Throwable reset = new SocketException("Connection reset");
    assertTrue(TlsFailures.interrupted(reset));
    assertEquals("the server reset the connection during the TLS handshake (Connection reset)",
        TlsFailures.describe(reset));
    Throwable notify = new SSLProtocolException("Received close_notify during handshake");
    assertTrue(TlsFailures.interrupted(notify));
    assertEquals("the server ended the TLS handshake (close_notify) before finishing it", TlsFailures.describe(notify));
    // okhttp's refusal of the JDK's null session after user_canceled + close_notify
    Throwable nullSession = new IOException("cipherSuite == SSL_NULL_WITH_NULL_NULL");
    assertTrue(TlsFailures.interrupted(nullSession));
    assertEquals("the server ended the TLS handshake (close_notify) before sending its certificate",
        TlsFailures.describe(nullSession));
  }

  @Test
  void interruptedWhenCertificateRejectedThenFalseEvenWithSocketCause() {
    Throwable untrusted = withCause("PKIX path building failed", new CertificateException("unable to find valid path"));
    assertFalse(TlsFailures.interrupted(untrusted));
    assertTrue(TlsFailures.certificateProblem(untrusted));
    assertFalse(TlsFailures.interrupted(new SSLPeerUnverifiedException("Hostname localhost not verified")));
    assertEquals("SSLHandshakeException: no cipher suites in common",
        TlsFailures.describe(new SSLHandshakeException("no cipher suites in common")));
  }
}
