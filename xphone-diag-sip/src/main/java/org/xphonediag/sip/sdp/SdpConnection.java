package org.xphonediag.sip.sdp;

import java.util.Objects;

/**
 * A {@code c=} line (RFC 8866 §5.7): where media is expected when ICE is not used.
 *
 * @param netType normally {@code IN}
 * @param addrType {@code IP4} or {@code IP6}
 * @param address the connection address as written (multicast TTL suffixes kept)
 * @param line the 1-based line number in the SDP
 */
public record SdpConnection(String netType, String addrType, String address, int line) {

  /** Checks that no field is null. */
  public SdpConnection {
    Objects.requireNonNull(netType, "netType");
    Objects.requireNonNull(addrType, "addrType");
    Objects.requireNonNull(address, "address");
  }
}
