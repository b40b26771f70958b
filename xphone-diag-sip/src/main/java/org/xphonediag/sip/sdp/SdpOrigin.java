package org.xphonediag.sip.sdp;

import java.util.Objects;

/**
 * The {@code o=} line of an SDP (RFC 8866 §5.2): who created the session description. The user
 * name tells the sender apart (docs/field-guide.md#reading-a-trace): {@code IceLink} for the XPhone client's offer,
 * {@code FreeSWITCH} for the XCC's answer.
 *
 * @param username the user name, e.g. {@code IceLink} or {@code FreeSWITCH} ({@code -} when none)
 * @param sessionId the session id as written (digits)
 * @param sessionVersion the session version as written (digits)
 * @param netType the network type, normally {@code IN}
 * @param addrType {@code IP4} or {@code IP6}
 * @param address the unicast address or host name of the creator, as written
 */
public record SdpOrigin(String username, String sessionId, String sessionVersion, String netType,
    String addrType, String address) {

  /** Checks that no field is null. */
  public SdpOrigin {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(sessionVersion, "sessionVersion");
    Objects.requireNonNull(netType, "netType");
    Objects.requireNonNull(addrType, "addrType");
    Objects.requireNonNull(address, "address");
  }
}
