package org.xphonediag.trace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TraceAnalyzer} read from a capture (and log): counts, truncation, call legs, the STUN
 * messages for a binding analysis, media flows and the FreeSWITCH ACL lines. Immutable.
 *
 * @param source the capture's name
 * @param format pcap or pcapng
 * @param counts frame counts by kind
 * @param truncation where the capture was cut off, if it was
 * @param legs SIP dialogs, numbered into calls
 * @param stunPackets STUN messages in capture order (at most {@link TraceAnalyzer#MAX_STUN})
 * @param mediaFlows media flows, most packets first
 * @param aclLog ACL lines of the FreeSWITCH log (empty without one)
 * @param sipProblems SIP parse problems (at most 100)
 * @param invalidTimestamps the first frames (at most 10) with an impossible time stamp, read on
 */
public record TraceAnalysis(String source, CaptureFormat format, PacketCounts counts, Optional<Truncation> truncation,
    List<CallLeg> legs, List<StunPacket> stunPackets, List<MediaFlow> mediaFlows, List<AclLogLine> aclLog,
    List<String> sipProblems, List<InvalidTimestamp> invalidTimestamps) {

  /** An analysis of a capture without impossible time stamps. */
  public TraceAnalysis(String source, CaptureFormat format, PacketCounts counts, Optional<Truncation> truncation,
      List<CallLeg> legs, List<StunPacket> stunPackets, List<MediaFlow> mediaFlows, List<AclLogLine> aclLog,
      List<String> sipProblems) {
    this(source, format, counts, truncation, legs, stunPackets, mediaFlows, aclLog, sipProblems, List.of());
  }

  public TraceAnalysis {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(truncation, "truncation");
    legs = List.copyOf(legs);
    stunPackets = List.copyOf(stunPackets);
    mediaFlows = List.copyOf(mediaFlows);
    aclLog = List.copyOf(aclLog);
    sipProblems = List.copyOf(sipProblems);
    invalidTimestamps = List.copyOf(invalidTimestamps);
  }

  /** The legs with the given role. */
  public List<CallLeg> legs(LegRole role) {
    return legs.stream().filter(l -> l.role() == role).toList();
  }
}
