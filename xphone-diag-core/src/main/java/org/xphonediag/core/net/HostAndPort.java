package org.xphonediag.core.net;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A host (IP literal or host name, never resolved here) and a port, as users write it:
 * {@code stun.example.com}, {@code 203.0.113.5:3478}, {@code [2001:db8::1]:3478}.
 * {@link #toString()} writes {@code ip:port}, with brackets for IPv6 (ARCHITECTURE.md).
 *
 * @param host an IP literal in canonical form, or a host name
 * @param port 1..65535
 */
public record HostAndPort(String host, int port) {

  /** Validates host and port. */
  public HostAndPort {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535 but was " + port);
    }
    Optional<IpAddress> ip = IpAddress.tryParse(host);
    if (ip.isPresent()) {
      host = ip.get().toString();
    } else if (!HostNames.isHostName(host)) {
      throw new AddressFormatException(host, "an IP address or host name");
    }
  }

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 literal,
   * taking {@code defaultPort} when none is written.
   *
   * @throws AddressFormatException for anything else
   */
  public static HostAndPort parse(String text, int defaultPort) {
    Objects.requireNonNull(text, "text");
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new AddressFormatException(text, "host[:port]: '[' without ']'");
      }
      host = text.substring(1, close);
      if (IpAddress.tryParse(host).filter(IpAddress::isIpv6).isEmpty()) {
        throw new AddressFormatException(text, "host[:port]: brackets must hold an IPv6 address");
      }
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new AddressFormatException(text, "host[:port]: expected ':' after ']'");
        }
        port = rest.substring(1);
      }
    } else {
      int colon = text.indexOf(':');
      if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
        host = text; // a bare IPv6 literal
      } else if (colon >= 0) {
        host = text.substring(0, colon);
        port = text.substring(colon + 1);
      } else {
        host = text;
      }
    }
    int p = defaultPort;
    if (port != null) {
      p = -1;
      if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        p = Integer.parseInt(port);
      }
      if (p < 1 || p > 65535) {
        throw new AddressFormatException(text, "host[:port] with a port 1..65535 (port was '" + port + "')");
      }
    }
    if (host.isEmpty()) {
      throw new AddressFormatException(text, "host[:port]: the host is empty");
    }
    return new HostAndPort(host, p);
  }

  /** From a socket address: its IP if resolved, else its host name. */
  public static HostAndPort of(InetSocketAddress address) {
    String h = address.getAddress() != null
        ? IpAddress.of(address.getAddress()).toString()
        : address.getHostString();
    return new HostAndPort(h, address.getPort());
  }

  /** The host as an IP address, when it is a literal. */
  public Optional<IpAddress> ipAddress() {
    return IpAddress.tryParse(host);
  }

  /** {@code host:port}, {@code [v6]:port} for IPv6 literals. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
