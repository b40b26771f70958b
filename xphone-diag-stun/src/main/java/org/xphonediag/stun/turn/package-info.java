/**
 * TURN relay checks (RFC 8656, docs/field-guide.md#connection-test): {@link org.xphonediag.stun.turn.TurnCheck} allocates a
 * relay with long-term credentials over UDP, TCP or TLS ({@link org.xphonediag.stun.turn.TurnUri},
 * RFC 7065), sends data through it to an echoing peer and releases the allocation again. The STUN
 * codec of {@code org.xphonediag.stun.internal} encodes and decodes every message; the password and
 * the long-term key stay {@link org.xphonediag.core.Secret}s.
 */
package org.xphonediag.stun.turn;
