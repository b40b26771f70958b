package org.xphonediag.trace;

import org.xphonediag.core.Details;

/**
 * Frame counts by what they carried (ARCHITECTURE.md "Trace reading": {@code data.packets}). Each
 * frame counts once in {@code total} and once in one of sip, stun, rtp, rtcp, dtls or other
 * (other includes frames without IP, TCP that is neither SIP nor STUN, and fragments before
 * reassembly).
 *
 * @param total frames read
 * @param sip frames carrying SIP (UDP datagrams, or TCP segments of a SIP stream)
 * @param stun frames carrying a STUN message (UDP datagrams, or TCP segments completing one)
 * @param rtp RTP frames (RFC 7983 first byte 128..191, RTCP excluded)
 * @param rtcp RTCP frames
 * @param dtls DTLS frames
 * @param other everything else
 * @param tcpGaps TCP SIP or STUN streams that lost bytes (a gap in sequence numbers) and were
 *     re-synchronised
 * @param sipUnparsable SIP messages the parser could not read at all
 * @param ipFragments IPv4 and IPv6 fragments seen
 * @param fragmentsIncomplete fragmented datagrams that never became complete (a fragment missing,
 *     timed out, or dropped at the reassembly bounds)
 * @param fragmentsOverlapping fragmented datagrams abandoned because fragments overlapped (RFC 5722)
 */
public record PacketCounts(long total, long sip, long stun, long rtp, long rtcp, long dtls, long other,
    long tcpGaps, long sipUnparsable, long ipFragments, long fragmentsIncomplete, long fragmentsOverlapping) {

  /** Counts of a capture without IP fragments. */
  public PacketCounts(long total, long sip, long stun, long rtp, long rtcp, long dtls, long other, long tcpGaps,
      long sipUnparsable) {
    this(total, sip, stun, rtp, rtcp, dtls, other, tcpGaps, sipUnparsable, 0, 0, 0);
  }

  /** The counts as details, in the order above; the fragment counts only when fragments were seen. */
  public Details toDetails() {
    Details.Builder b = Details.builder().put("total", total).put("sip", sip).put("stun", stun).put("rtp", rtp)
        .put("rtcp", rtcp).put("dtls", dtls).put("other", other).put("tcpGaps", tcpGaps)
        .put("sipUnparsable", sipUnparsable);
    if (ipFragments > 0) {
      b.put("ipFragments", ipFragments).put("fragmentsIncomplete", fragmentsIncomplete)
          .put("fragmentsOverlapping", fragmentsOverlapping);
    }
    return b.build();
  }
}
