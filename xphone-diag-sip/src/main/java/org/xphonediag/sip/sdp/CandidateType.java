package org.xphonediag.sip.sdp;

import java.util.Locale;

/**
 * The type of an ICE candidate ({@code typ} in RFC 8839 §5.1): host, server reflexive, peer
 * reflexive, relayed, or an extension token this library does not know ({@link #UNKNOWN}, kept
 * with its token in {@link SdpCandidate#typeToken()}).
 */
public enum CandidateType {
  /** An address of the host's own interface (docs/field-guide.md#reading-a-trace: the private candidate). */
  HOST,
  /** Server reflexive: the public address a STUN server saw (docs/field-guide.md#media: the public candidate). */
  SRFLX,
  /** Peer reflexive: learned from a connectivity check. */
  PRFLX,
  /** Relayed through a TURN server. */
  RELAY,
  /** An extension token (RFC 8839 {@code token}); kept, typed unknown, reported as a warning. */
  UNKNOWN;

  /** The JSON and SDP name: {@code host}, {@code srflx}, {@code prflx}, {@code relay}, {@code unknown}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type for an SDP token, compared case-insensitively (RFC 5234 literals); UNKNOWN otherwise. */
  public static CandidateType fromToken(String token) {
    switch (token.toLowerCase(Locale.ROOT)) {
      case "host":
        return HOST;
      case "srflx":
        return SRFLX;
      case "prflx":
        return PRFLX;
      case "relay":
        return RELAY;
      default:
        return UNKNOWN;
    }
  }
}
