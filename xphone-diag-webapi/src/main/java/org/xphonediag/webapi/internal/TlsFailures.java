package org.xphonediag.webapi.internal;

import java.io.EOFException;
import java.net.SocketException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Tells a TLS handshake the server broke off (end of stream, reset, {@code close_notify} before
 * the handshake finished) from one that failed on the certificate (docs/field-guide.md#topology, #connection-test): the
 * first is an unreachable server, only the second a trust problem.
 *
 * <p>The JDK's client returns normally from {@code SSLSocket.startHandshake()} when the server
 * answers the ClientHello with {@code user_canceled} and {@code close_notify} (what a JSSE server
 * sends when its socket is closed mid-handshake): the session is then the null session
 * ({@code SSL_NULL_WITH_NULL_NULL}) and no certificate was ever seen. {@link #completed} is the
 * test every caller of {@code startHandshake()} must apply.
 */
public final class TlsFailures {
  private TlsFailures() {}

  /** A handshake that ended without the server finishing it. */
  public static final class HandshakeInterrupted extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;

    /** An interruption described by {@code reason}. */
    public HandshakeInterrupted(String reason) {
      super(reason);
    }
  }

  /** True when {@code session} comes from a finished handshake (not the JDK's null session). */
  public static boolean completed(SSLSession session) {
    if (session == null || !session.isValid()) {
      return false;
    }
    String suite = session.getCipherSuite();
    return suite != null && !suite.endsWith("_NULL_WITH_NULL_NULL");
  }

  /**
   * True when {@code t} (or a cause) shows the connection ended during the handshake: end of
   * stream, a reset or broken socket, the JDK's "Remote host terminated the handshake" and
   * "Received close_notify during handshake", okhttp's
   * refusal of the null session, or a {@link HandshakeInterrupted}. False for certificate errors.
   */
  public static boolean interrupted(Throwable t) {
    if (certificateProblem(t)) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = String.valueOf(c.getMessage());
      if (c instanceof HandshakeInterrupted || c instanceof EOFException || c instanceof SocketException
          || m.contains("Remote host terminated the handshake") || m.contains("close_notify during handshake")
          || m.startsWith("cipherSuite == ") && m.endsWith("_NULL_WITH_NULL_NULL")) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code t} (or a cause) is about the server's certificate or host name. */
  public static boolean certificateProblem(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CertificateException || c instanceof CertPathValidatorException
          || c instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * What happened, for messages: {@code "the server closed the connection during the TLS
   * handshake (end of stream)"} and the like, else the exception's class and message.
   */
  public static String describe(Throwable t) {
    if (interrupted(t)) {
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof HandshakeInterrupted) {
          return c.getMessage();
        }
      }
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
        if (c instanceof SocketException && m.contains("reset")) {
          return "the server reset the connection during the TLS handshake (" + c.getMessage() + ")";
        }
        if (c instanceof SocketException && m.contains("broken pipe")) {
          return "the server closed the connection while the client was sending its TLS handshake (Broken pipe)";
        }
        if (m.contains("close_notify during handshake")) {
          return "the server ended the TLS handshake (close_notify) before finishing it";
        }
        if (m.startsWith("ciphersuite == ")) {
          return "the server ended the TLS handshake (close_notify) before sending its certificate";
        }
      }
      return "the server closed the connection during the TLS handshake (end of stream)";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
