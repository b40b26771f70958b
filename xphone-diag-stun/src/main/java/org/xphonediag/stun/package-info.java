/**
 * STUN for XPhone Connect diagnostics (docs/field-guide.md#media): classic binding against STUN servers with NAT
 * behaviour ({@link org.xphonediag.stun.StunBindingCheck}), ICE connectivity checks on the XCC's
 * media ports ({@link org.xphonediag.stun.IceBindingCheck}), UDP port sweeps
 * ({@link org.xphonediag.stun.UdpPortSweepCheck}) and a decoder for any STUN message
 * ({@link org.xphonediag.stun.StunDecoder}); the loopback responder for tests is the testkit's
 * {@code org.xphonediag.testkit.stun.StunResponder}. Each check puts its typed outcome on its result:
 * {@link org.xphonediag.stun.StunBindings}, {@link org.xphonediag.stun.IceAnswer},
 * {@link org.xphonediag.stun.PortSweep}, and for TURN {@link org.xphonediag.stun.turn.TurnRelays}.
 *
 * <p>The STUN codec (RFC 8489 wire format, MESSAGE-INTEGRITY, FINGERPRINT) and the UDP transactions
 * are implemented here on {@code DatagramChannel}/{@code Selector}, not on ice4j: that keeps the
 * deadlines, ICMP port-unreachable detection (connected channels) and decode errors with byte
 * offsets under our control, and avoids ice4j's config stack (~300 ms on first encode), static
 * thread pools and java.util.logging. No ice4j type appears in this API; ice4j is a test-scope
 * dependency only, the independent peer that cross-checks the codec (with the RFC 5769 vectors and
 * coturn).
 */
package org.xphonediag.stun;
