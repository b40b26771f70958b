/**
 * A loopback SIP peer for tests: {@link org.xphonediag.testkit.sip.SipResponder} answers OPTIONS
 * and INVITE like an XCC, over UDP and TCP, reading and writing the text of RFC 3261 itself.
 */
package org.xphonediag.testkit.sip;
