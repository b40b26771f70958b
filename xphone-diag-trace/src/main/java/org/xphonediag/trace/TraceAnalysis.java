package org.xphonediag.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;
import org.xphonediag.trace.rtp.RtpAnalysis;

/**
 * What {@link TraceAnalyzer} read from a capture (and log): counts, truncation, call legs, the STUN
 * messages for a binding analysis, media flows and the FreeSWITCH ACL lines, and what was made of
 * them: both sides' offered candidates and the binding transactions per call, and (with stream
 * analysis) the RTP streams tied to calls (docs/field-guide.md#reading-a-trace, #media). The
 * {@code trace} report's {@code data} is its {@link #details()}. Immutable.
 *
 * <pre>{@code
 * TraceAnalysis a = TraceAnalyzer.builder().build().analyze(Path.of("call.pcapng"));
 * for (CallBindings b : a.bindings()) {
 *   System.out.println("call " + b.call() + ": " + b.verdict());
 * }
 * }</pre>
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
 * @param candidates the candidates each side of each call offered, in call order
 * @param bindings the binding transactions of each call (and of call 0: requests no call names)
 * @param rtp the RTP stream statistics, when streams were measured
 * @param streams with {@link #rtp}: its streams tied to call, leg and direction; else empty
 */
public record TraceAnalysis(String source, CaptureFormat format, PacketCounts counts, Optional<Truncation> truncation,
    List<CallLeg> legs, List<StunPacket> stunPackets, List<MediaFlow> mediaFlows, List<AclLogLine> aclLog,
    List<String> sipProblems, List<InvalidTimestamp> invalidTimestamps, List<OfferedCandidates> candidates,
    List<CallBindings> bindings, Optional<RtpAnalysis> rtp, List<CallStream> streams) implements Outcome {
  /** Media flows in {@link #details()} (the ones with most packets). */
  public static final int REPORTED_FLOWS = 20;

  public TraceAnalysis {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(truncation, "truncation");
    Objects.requireNonNull(rtp, "rtp");
    legs = List.copyOf(legs);
    stunPackets = List.copyOf(stunPackets);
    mediaFlows = List.copyOf(mediaFlows);
    aclLog = List.copyOf(aclLog);
    sipProblems = List.copyOf(sipProblems);
    invalidTimestamps = List.copyOf(invalidTimestamps);
    candidates = List.copyOf(candidates);
    bindings = List.copyOf(bindings);
    streams = List.copyOf(streams);
  }

  /** The legs with the given role. */
  public List<CallLeg> legs(LegRole role) {
    return legs.stream().filter(l -> l.role() == role).toList();
  }

  /**
   * The {@code trace} report's {@code data}: {@code format}, {@code legs}, {@code candidates},
   * {@code bindings}, {@code packets}, {@code flows} (the first {@link #REPORTED_FLOWS}) and, when
   * streams were measured, {@code streams} (ARCHITECTURE.md "The CLI contract").
   */
  @Override
  public Details details() {
    List<Details> flows = new ArrayList<>();
    for (MediaFlow f : mediaFlows.subList(0, Math.min(REPORTED_FLOWS, mediaFlows.size()))) {
      flows.add(Details.builder().put("source", f.source()).put("destination", f.destination())
          .put("kind", f.kind()).put("packets", f.packets()).put("bytes", f.bytes())
          .put("firstFrame", f.firstFrame()).put("lastFrame", f.lastFrame()).build());
    }
    Details.Builder d = Details.builder().put("format", format)
        .put("legs", legs.stream().map(CallLeg::toDetails).toList())
        .put("candidates", candidates.stream().map(OfferedCandidates::toDetails).toList())
        .put("bindings", bindings.stream().map(CallBindings::toDetails).toList())
        .put("packets", counts.toDetails()).put("flows", flows);
    if (rtp.isPresent()) {
      d.put("streams", streams.stream().map(CallStream::toDetails).toList());
    }
    return d.build();
  }

  /** This analysis with the media verdict's values (for the analyser, which reads the rest first). */
  TraceAnalysis withMedia(List<OfferedCandidates> candidates, List<CallBindings> bindings, Optional<RtpAnalysis> rtp,
      List<CallStream> streams) {
    return new TraceAnalysis(source, format, counts, truncation, legs, stunPackets, mediaFlows, aclLog, sipProblems,
        invalidTimestamps, candidates, bindings, rtp, streams);
  }
}
