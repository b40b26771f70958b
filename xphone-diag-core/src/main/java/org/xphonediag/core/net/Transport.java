package org.xphonediag.core.net;

import java.util.Locale;

/**
 * A transport protocol, the one vocabulary for SIP probes (UDP, TCP), TURN client connections (UDP,
 * TCP, TLS over TCP, RFC 8656 §3.1) and what the trace reader extracts (UDP, TCP, SCTP). An API
 * that takes a transport says which it supports and rejects the others at once. JSON names are
 * lower case: {@code udp}, {@code tcp}, {@code tls}, {@code sctp}.
 */
public enum Transport {
  UDP,
  TCP,
  /** TLS over TCP. */
  TLS,
  /** SCTP (RFC 9260); SIP rides in its DATA chunks (RFC 4168). */
  SCTP;

  /** The JSON name: {@code udp}, {@code tcp}, {@code tls} or {@code sctp}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a JSON name in any case.
   *
   * @throws IllegalArgumentException for anything else, naming what was expected
   */
  public static Transport parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Transport x : values()) {
      if (x.jsonName().equals(t)) {
        return x;
      }
    }
    throw new IllegalArgumentException("transport must be one of udp, tcp, tls, sctp but was '" + text + "'");
  }
}
