package org.xphonediag.core.config.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;

/**
 * Host values in the configuration files (docs/field-guide.md#web-config, #appsettings-json), read without DNS: a host name or IP,
 * optionally with a port or as a URL. "Localhost" means {@code localhost} in any case (and names
 * under {@code .localhost}, RFC 6761), any 127.0.0.0/8 address, {@code ::1}, or nothing at all.
 */
final class Hosts {
  private Hosts() {}

  /** The host of a configured value, canonical (IPs) or lower case (names); empty when it is no host. */
  static Optional<String> hostOf(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.contains("://")) {
      try {
        String h = new URI(v).getHost();
        if (h == null) {
          return Optional.empty();
        }
        v = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    }
    try {
      String h = HostAndPort.parse(v, 1).host();
      return Optional.of(IpAddress.tryParse(h).isPresent() ? h : h.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True for an empty value or one naming this machine's loopback. */
  static boolean isLocal(String value) {
    if (value.isBlank()) {
      return true;
    }
    Optional<String> h = hostOf(value);
    if (h.isEmpty()) {
      return false;
    }
    String host = h.get();
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    Optional<IpAddress> ip = IpAddress.tryParse(host).map(IpAddress::unmapped);
    if (ip.isEmpty()) {
      return false;
    }
    byte[] b = ip.get().bytes();
    if (b.length == 4) {
      return (b[0] & 0xff) == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[15] == 1;
  }

  /**
   * Whether two hosts are the same: IPs compare as addresses, names case-insensitively (a single
   * label also matches the first label of a dotted name); empty when an IP meets a name, which
   * only DNS could decide.
   */
  static Optional<Boolean> same(String a, String b) {
    boolean ipA = IpAddress.tryParse(a).isPresent();
    boolean ipB = IpAddress.tryParse(b).isPresent();
    if (ipA != ipB) {
      return Optional.empty();
    }
    if (ipA) {
      return Optional.of(IpAddress.parse(a).unmapped().equals(IpAddress.parse(b).unmapped()));
    }
    String x = trimDot(a.toLowerCase(Locale.ROOT));
    String y = trimDot(b.toLowerCase(Locale.ROOT));
    if (x.equals(y)) {
      return Optional.of(true);
    }
    if (!x.contains(".") && y.startsWith(x + ".") || !y.contains(".") && x.startsWith(y + ".")) {
      return Optional.of(true);
    }
    return Optional.of(false);
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
