package org.xphonediag.stun.turn;

import java.util.Locale;

/**
 * How a TURN client reaches its server (RFC 8656 §3.1): UDP, TCP, or TLS over TCP. The relayed
 * transport is UDP in every case. JSON names {@code udp}, {@code tcp}, {@code tls}.
 */
public enum TurnTransport {
  UDP,
  TCP,
  TLS;

  /** The JSON name. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
