package org.xphonediag.trace;

import org.xphonediag.core.Details;

/**
 * Frame counts by what they carried (ARCHITECTURE.md "Trace reading": {@code data.packets}). Each
 * frame counts once in {@code total} and once in one of sip, stun, rtp, rtcp, dtls or other
 * (other includes frames without IP, TCP that is not SIP, and fragments before reassembly).
 *
 * @param total frames read
 * @param sip frames carrying SIP (UDP datagrams, or TCP segments of a SIP stream)
 * @param stun frames carrying a STUN message
 * @param rtp RTP frames (RFC 7983 first byte 128..191, RTCP excluded)
 * @param rtcp RTCP frames
 * @param dtls DTLS frames
 * @param other everything else
 * @param tcpGaps TCP SIP streams that lost bytes (a gap in sequence numbers) and were re-synchronised
 * @param sipUnparsable SIP messages the parser could not read at all
 */
public record PacketCounts(long total, long sip, long stun, long rtp, long rtcp, long dtls, long other,
    long tcpGaps, long sipUnparsable) {

  /** The counts as details, in the order above. */
  public Details toDetails() {
    return Details.builder().put("total", total).put("sip", sip).put("stun", stun).put("rtp", rtp)
        .put("rtcp", rtcp).put("dtls", dtls).put("other", other).put("tcpGaps", tcpGaps)
        .put("sipUnparsable", sipUnparsable).build();
  }
}
