package org.xphonediag.trace;

/**
 * What a UDP payload is: SIP by its request or status line, STUN by the RFC 8489 §5 header (first
 * two bits 0, magic cookie, length), media by the first byte (RFC 7983 §7) and by what the flow is:
 * negotiated media (SDP endpoints, ICE pairs), T.38 over UDPTL where an SDP negotiated {@code
 * m=image ... udptl}, or a strict heuristic (see {@code MediaClassifier}).
 */
public enum PayloadKind {
  SIP,
  STUN,
  RTP,
  RTCP,
  DTLS,
  ZRTP,
  TURN_CHANNEL,
  /** T.38 fax over UDPTL (ITU-T T.38 §9.1) on an endpoint an SDP negotiated as {@code m=image ... udptl t38}. */
  UDPTL,
  OTHER
}
