/**
 * SDP (RFC 8866) and ICE candidate (RFC 8839 §5.1, RFC 6544) parsing: {@link
 * org.xphonediag.sip.sdp.SdpParser} reads what the XPhone client (IceLink) and the XCC
 * (FreeSWITCH) exchange (docs/field-guide.md#reading-a-trace) into a {@link org.xphonediag.sip.sdp.SessionDescription};
 * {@link org.xphonediag.sip.sdp.SdpCandidate#parse(String)} reads a single candidate line.
 * Addresses are never resolved; the ICE password is a {@link org.xphonediag.core.Secret}.
 */
package org.xphonediag.sip.sdp;
