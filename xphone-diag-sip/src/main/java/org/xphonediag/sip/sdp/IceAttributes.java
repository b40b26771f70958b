package org.xphonediag.sip.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Look-ups shared by session and media level; package-private. */
final class IceAttributes {
  private IceAttributes() {}

  static Optional<String> first(List<SdpAttribute> attributes, String name) {
    for (SdpAttribute a : attributes) {
      if (a.name().equalsIgnoreCase(name)) {
        return Optional.of(a.value().orElse(""));
      }
    }
    return Optional.empty();
  }

  static boolean has(List<SdpAttribute> attributes, String name) {
    return attributes.stream().anyMatch(a -> a.name().equalsIgnoreCase(name));
  }

  static Optional<String> direction(List<SdpAttribute> attributes) {
    for (SdpAttribute a : attributes) {
      String n = a.name().toLowerCase(Locale.ROOT);
      if (n.equals("sendrecv") || n.equals("sendonly") || n.equals("recvonly") || n.equals("inactive")) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
