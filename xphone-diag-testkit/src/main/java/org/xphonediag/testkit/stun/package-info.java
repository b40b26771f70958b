/**
 * A loopback STUN responder for tests: {@link org.xphonediag.testkit.stun.StunResponder}, a classic
 * Binding server, an RFC 5780 server or the ICE side of an XCC media port, with the wire format
 * written here from RFC 8489 apart from the stun module's codec.
 */
package org.xphonediag.testkit.stun;
