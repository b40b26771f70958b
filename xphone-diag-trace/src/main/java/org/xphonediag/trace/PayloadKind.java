package org.xphonediag.trace;

/**
 * What a UDP payload is, told by content, not ports: SIP by its request or status line, STUN by
 * the RFC 8489 §5 header (first two bits 0, magic cookie, length), the rest by the first byte
 * (RFC 7983 §7).
 */
public enum PayloadKind {
  SIP,
  STUN,
  RTP,
  RTCP,
  DTLS,
  ZRTP,
  TURN_CHANNEL,
  OTHER
}
