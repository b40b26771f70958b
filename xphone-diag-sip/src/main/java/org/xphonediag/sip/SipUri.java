package org.xphonediag.sip;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.Transport;

/**
 * The target of a SIP probe: a {@code sip:} URI (RFC 3261 §19.1) with an optional user, a host
 * (IP literal or name), a port (default 5060) and an optional {@code transport} parameter, e.g.
 * {@code sip:127.0.0.1:4900;transport=tcp} for the XCC's loopback leg (docs/field-guide.md#ports-and-paths).
 *
 * @param user the user part, or empty
 * @param target host and port
 * @param transport {@code udp} or {@code tcp} when the URI names one
 */
public record SipUri(Optional<String> user, HostAndPort target, Optional<Transport> transport) {
  /** The default SIP port (RFC 3261 §19.1.2). */
  public static final int DEFAULT_PORT = 5060;
  private static final int MAX_LENGTH = 512;

  /** Checks that no field is null. */
  public SipUri {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(transport, "transport");
    transport.ifPresent(t -> {
      if (t != Transport.UDP && t != Transport.TCP) {
        throw new IllegalArgumentException("SIP transport must be udp or tcp but was '" + t.jsonName() + "'");
      }
    });
  }

  /**
   * Parses {@code sip:[user@]host[:port][;transport=udp|tcp][;other=params]}.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static SipUri parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.length() > MAX_LENGTH || !t.regionMatches(true, 0, "sip:", 0, 4)) {
      throw new IllegalArgumentException("SIP URI must start with 'sip:' (sips: is not supported) and be at most "
          + MAX_LENGTH + " characters but was '" + shorten(t) + "'");
    }
    String rest = t.substring(4);
    int q = rest.indexOf('?');
    if (q >= 0) {
      rest = rest.substring(0, q);
    }
    String[] params = rest.split(";", -1);
    String hostPart = params[0];
    String user = null;
    int at = hostPart.lastIndexOf('@');
    if (at >= 0) {
      user = hostPart.substring(0, at);
      hostPart = hostPart.substring(at + 1);
      if (user.isEmpty() || user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("SIP URI user part must be non-empty and carry no password but was '"
            + shorten(text) + "'");
      }
    }
    HostAndPort target;
    try {
      target = HostAndPort.parse(hostPart, DEFAULT_PORT);
    } catch (AddressFormatException e) {
      throw new IllegalArgumentException("SIP URI host must be host[:port] but was '" + shorten(hostPart) + "' in '"
          + shorten(text) + "'", e);
    }
    Transport transport = null;
    for (int i = 1; i < params.length; i++) {
      String p = params[i].toLowerCase(Locale.ROOT);
      if (p.startsWith("transport=")) {
        transport = parseTransport(p.substring("transport=".length()));
      }
    }
    return new SipUri(Optional.ofNullable(user), target, Optional.ofNullable(transport));
  }

  /**
   * Parses a SIP transport as the probes support it: {@code udp} or {@code tcp} in any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Transport parseTransport(String text) {
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "udp":
        return Transport.UDP;
      case "tcp":
        return Transport.TCP;
      default:
        throw new IllegalArgumentException("SIP transport must be udp or tcp but was '" + text + "'");
    }
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  @Override
  public String toString() {
    return "sip:" + user.map(u -> u + "@").orElse("") + target
        + transport.map(tr -> ";transport=" + tr.jsonName()).orElse("");
  }
}
