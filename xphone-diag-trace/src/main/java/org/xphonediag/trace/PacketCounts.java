package org.xphonediag.trace;

import org.xphonediag.core.Details;

/**
 * Frame counts by what they carried (ARCHITECTURE.md "Trace reading": {@code data.packets}). Each
 * frame counts once in {@code total} and once in one of sip, stun, rtp, rtcp, dtls, udptl or other
 * (other includes frames without IP, TCP and SCTP that are neither SIP nor STUN, fragments before
 * reassembly, and UDP that is neither tied to negotiated media nor passes the strict media
 * heuristic). The tunnel, SCTP and time stamp counts say how some frames were read and overlap
 * the others.
 *
 * @param total frames read
 * @param sip frames carrying SIP (UDP datagrams, TCP segments of a SIP stream, SCTP packets with a
 *     SIP message)
 * @param stun frames carrying a STUN message (UDP datagrams, or TCP segments completing one)
 * @param rtp RTP frames (RFC 7983 first byte 128..191, RTCP excluded) on negotiated media or
 *     confirmed by the heuristic
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
 * @param udptl T.38 (UDPTL) frames on endpoints an SDP negotiated as {@code m=image ... udptl}
 * @param ipInIp frames whose packet was read out of an IP-in-IP tunnel (IP protocols 4 and 41)
 * @param sctp SCTP packets (their DATA chunks are read for SIP, RFC 4168)
 * @param invalidTimestamps frames whose record header had an impossible time stamp (read on)
 */
public record PacketCounts(long total, long sip, long stun, long rtp, long rtcp, long dtls, long other,
    long tcpGaps, long sipUnparsable, long ipFragments, long fragmentsIncomplete, long fragmentsOverlapping,
    long udptl, long ipInIp, long sctp, long invalidTimestamps) {

  /** Counts of a capture without IP fragments, T.38, tunnels, SCTP or bad time stamps (for tests). */
  PacketCounts(long total, long sip, long stun, long rtp, long rtcp, long dtls, long other, long tcpGaps,
      long sipUnparsable) {
    this(total, sip, stun, rtp, rtcp, dtls, other, tcpGaps, sipUnparsable, 0, 0, 0);
  }

  /** Counts of a capture without T.38, tunnels, SCTP or bad time stamps. */
  PacketCounts(long total, long sip, long stun, long rtp, long rtcp, long dtls, long other, long tcpGaps,
      long sipUnparsable, long ipFragments, long fragmentsIncomplete, long fragmentsOverlapping) {
    this(total, sip, stun, rtp, rtcp, dtls, other, tcpGaps, sipUnparsable, ipFragments, fragmentsIncomplete,
        fragmentsOverlapping, 0, 0, 0, 0);
  }

  /**
   * The counts as details, in the order above; udptl always, the fragment, tunnel, SCTP and time
   * stamp counts only when there were any.
   */
  public Details toDetails() {
    Details.Builder b = Details.builder().put("total", total).put("sip", sip).put("stun", stun).put("rtp", rtp)
        .put("rtcp", rtcp).put("dtls", dtls).put("udptl", udptl).put("other", other).put("tcpGaps", tcpGaps)
        .put("sipUnparsable", sipUnparsable);
    if (ipFragments > 0) {
      b.put("ipFragments", ipFragments).put("fragmentsIncomplete", fragmentsIncomplete)
          .put("fragmentsOverlapping", fragmentsOverlapping);
    }
    if (ipInIp > 0) {
      b.put("ipInIp", ipInIp);
    }
    if (sctp > 0) {
      b.put("sctp", sctp);
    }
    if (invalidTimestamps > 0) {
      b.put("invalidTimestamps", invalidTimestamps);
    }
    return b.build();
  }
}
