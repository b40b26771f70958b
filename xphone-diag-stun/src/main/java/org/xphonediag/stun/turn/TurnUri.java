package org.xphonediag.stun.turn;

import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.Transport;

/**
 * A TURN server URI (RFC 7065 §3): {@code turn:host[:port][?transport=udp|tcp]} or
 * {@code turns:host[:port][?transport=tcp]}; the port defaults to 3478 ({@code turn}) or 5349
 * ({@code turns}), the transport to UDP ({@code turn}) or TLS over TCP ({@code turns}). Immutable.
 *
 * @param secure {@code turns:} (TLS)
 * @param server host and port
 * @param transport how the client talks to the server: UDP, TCP or TLS (RFC 8656 §3.1)
 */
public record TurnUri(boolean secure, HostAndPort server, Transport transport) {
  /** The default port of {@code turn:} (RFC 7065 §3). */
  public static final int DEFAULT_PORT = 3478;
  /** The default port of {@code turns:} (RFC 7065 §3). */
  public static final int DEFAULT_SECURE_PORT = 5349;

  /** Validates that the transport is UDP, TCP or TLS, and that TLS goes with {@code turns:} only. */
  public TurnUri {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(transport, "transport");
    if (transport == Transport.SCTP) {
      throw new IllegalArgumentException("a TURN client's transport must be udp, tcp or tls but was sctp");
    }
    if (secure != (transport == Transport.TLS)) {
      throw new IllegalArgumentException("transport " + transport.jsonName() + " does not fit a "
          + (secure ? "turns:" : "turn:") + " URI");
    }
  }

  /**
   * Parses a TURN URI.
   *
   * @throws IllegalArgumentException naming the rule, the value and its column
   */
  public static TurnUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    String s = uri.strip();
    int colon = s.indexOf(':');
    String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("turn") && !scheme.equals("turns")) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "TURN URI: the scheme at column 1 must be turn: or turns: but '%s' is not", s));
    }
    boolean secure = scheme.equals("turns");
    String rest = s.substring(colon + 1);
    if (rest.startsWith("//")) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "TURN URI: column %d must start the host but is '//' (RFC 7065 URIs have no authority slashes) in '%s'",
          colon + 2, s));
    }
    Transport transport = secure ? Transport.TLS : Transport.UDP;
    int q = rest.indexOf('?');
    if (q >= 0) {
      String query = rest.substring(q + 1);
      int column = colon + 2 + q + 1;
      if (!query.toLowerCase(Locale.ROOT).startsWith("transport=")) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "TURN URI: the query at column %d must be transport=udp|tcp but was '%s'", column, query));
      }
      String t = query.substring("transport=".length()).toLowerCase(Locale.ROOT);
      if (t.equals("udp") && !secure) {
        transport = Transport.UDP;
      } else if (t.equals("tcp")) {
        transport = secure ? Transport.TLS : Transport.TCP;
      } else {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "TURN URI: the transport at column %d must be %s but was '%s'", column + 10,
            secure ? "tcp (turns: is TLS over TCP)" : "udp or tcp", t));
      }
      rest = rest.substring(0, q);
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "TURN URI: a host must follow column %d but '%s' has none", colon + 1, s));
    }
    try {
      return new TurnUri(secure, HostAndPort.parse(rest, secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT), transport);
    } catch (AddressFormatException e) {
      throw new IllegalArgumentException("TURN URI: host and port at column " + (colon + 2) + " of '" + s
          + "' are invalid: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return (secure ? "turns:" : "turn:") + server + "?transport=" + (transport == Transport.UDP ? "udp" : "tcp");
  }
}
