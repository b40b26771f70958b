package org.xphonediag.sip;

/** The request a {@link SipClient} sends (RFC 3261 §11 OPTIONS, §13 INVITE). */
public enum SipMethod {
  /** Asks for capabilities; no call is set up. */
  OPTIONS,
  /** Offers a call with an SDP; the probe cancels, acknowledges and hangs up whatever it starts. */
  INVITE
}
