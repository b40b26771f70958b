package org.xphonediag.trace;

/** The transport protocols whose payloads the trace reader extracts. */
public enum Transport {
  UDP,
  TCP,
  /** SCTP (RFC 9260); SIP rides in its DATA chunks (RFC 4168). */
  SCTP
}
