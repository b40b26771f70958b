package org.xphonediag.trace.rtp;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.net.HostAndPort;

/**
 * One RTP stream of a capture: one SSRC in one direction of one UDP 5-tuple, with its quality
 * figures (RFC 3550 §6.4.1, appendix A.1, A.8). Loss comes from sequence gaps only (extended
 * sequence numbers, never negative); jitter is computed in arrival order with the codec's clock
 * rate; times are milliseconds since the capture's first frame. The MOS is an estimate from a
 * simplified E-model (see {@link RtpAnalyzer}), not a measurement.
 *
 * @param call the call number from the matching {@link MediaHint}, 0 when none matched
 * @param identifiedBy {@code sdp} when the stream matched a hint's endpoint, {@code ice} when it ran on
 *     a 5-tuple STUN bindings checked, else {@code heuristic} (see {@code MediaClassifier})
 * @param source sender
 * @param destination receiver
 * @param ssrc SSRC as an unsigned number
 * @param payloadType payload type of the first packet
 * @param codec the codec by the hint's rtpmap or RFC 3551; empty when unknown
 * @param packets packets received, duplicates included
 * @param expected packets expected from the extended sequence numbers (highest - first + 1)
 * @param lost expected minus unique received, never negative
 * @param lossBursts runs of consecutive missing sequence numbers
 * @param maxBurst the longest run
 * @param duplicates packets whose sequence number was already received
 * @param reordered packets that arrived after a higher sequence number
 * @param maxJitterMs the largest RFC 3550 jitter estimate of a regular packet (as tshark: not the first,
 *     a marker-bit or comfort-noise packet, the one after comfort noise, or one out of time sequence), ms;
 *     -1 when the clock rate is unknown
 * @param meanJitterMs tshark's running mean of the estimates over the regular packets, ms; -1 when the
 *     clock rate is unknown
 * @param maxDeltaMs the largest gap before a regular packet since the last packet in time sequence, ms
 * @param firstMs arrival of the first packet, ms since the capture's first frame
 * @param lastMs arrival of the last packet, ms since the capture's first frame
 * @param firstFrame frame number of the first packet
 * @param lastFrame frame number of the last packet
 * @param firstEpochNanos arrival of the first packet, epoch nanoseconds
 * @param lastEpochNanos arrival of the last packet, epoch nanoseconds
 * @param mosEstimate estimated MOS (1..4.5) from loss and jitter
 * @param farEnd the last RTCP report block about this SSRC, when one was captured
 * @param inOrder packets that advanced the highest sequence number by 1 to 3000 (RFC 3550 A.1's
 *     MAX_DROPOUT): the evidence that the packets really are one RTP stream ({@link #measurable})
 */
public record RtpStream(int call, String identifiedBy, HostAndPort source, HostAndPort destination, long ssrc,
    int payloadType, Optional<RtpCodec> codec, long packets, long expected, long lost, long lossBursts,
    long maxBurst, long duplicates, long reordered, double maxJitterMs, double meanJitterMs, double maxDeltaMs,
    double firstMs, double lastMs, long firstFrame, long lastFrame, long firstEpochNanos, long lastEpochNanos,
    double mosEstimate, Optional<RtcpReport> farEnd, long inOrder) {
  /** Of all packets after the first, the share that must advance the sequence for {@link #measurable}. */
  public static final double MIN_IN_ORDER_SHARE = 0.9;

  public RtpStream {
    Objects.requireNonNull(identifiedBy, "identifiedBy");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(farEnd, "farEnd");
    if (lost < 0) {
      throw new IllegalArgumentException("lost must not be negative but was " + lost);
    }
  }

  /** The SSRC as {@code 0x%08x}. */
  public String ssrcHex() {
    return String.format(Locale.ROOT, "0x%08x", ssrc);
  }

  /** Lost packets as a percentage of expected (0 when nothing was expected). */
  public double lossPercent() {
    return expected == 0 ? 0 : 100.0 * lost / expected;
  }

  /**
   * The minimum evidence for a loss or jitter verdict: at least {@code minPackets} packets received,
   * and at least {@link #MIN_IN_ORDER_SHARE} of the packets after the first advancing the sequence
   * number by 1 to 3000. Short streams, and "streams" whose sequence numbers jump, stand still or
   * run backwards (another protocol's bytes read as RTP), are not judged.
   */
  public boolean measurable(int minPackets) {
    return packets >= minPackets && packets >= 2 && inOrder >= MIN_IN_ORDER_SHARE * (packets - 1);
  }

  /** True when jitter could be computed (the clock rate is known). */
  public boolean jitterKnown() {
    return maxJitterMs >= 0;
  }

  /** One line for text output: direction, SSRC, codec, packets, loss, jitter, MOS. */
  public String summary() {
    return String.format(Locale.ROOT, "%s -> %s ssrc %s %s: %d packets, %d lost (%.1f %%), jitter max %s, "
            + "max delta %.1f ms, MOS ~%.1f (estimate)", source, destination, ssrcHex(),
        codec.map(RtpCodec::name).orElse("pt " + payloadType), packets, lost, lossPercent(),
        jitterKnown() ? String.format(Locale.ROOT, "%.1f ms", maxJitterMs) : "unknown", maxDeltaMs, mosEstimate);
  }

  /** The stream as plain details (one element of {@code data.streams}). */
  public Details toDetails() {
    Details.Builder b = Details.builder();
    if (call > 0) {
      b.put("call", call);
    }
    b.put("source", source.toString())
        .put("destination", destination.toString())
        .put("ssrc", ssrc)
        .put("ssrcHex", ssrcHex())
        .put("payloadType", payloadType);
    codec.ifPresent(c -> b.put("codec", c.name()).put("clockRate", c.clockRate()));
    b.put("identifiedBy", identifiedBy)
        .put("packets", packets)
        .put("expected", expected)
        .put("lost", lost)
        .put("lossPercent", round(lossPercent(), 3))
        .put("lossBursts", lossBursts)
        .put("maxBurst", maxBurst)
        .put("duplicates", duplicates)
        .put("reordered", reordered)
        .put("inOrder", inOrder);
    if (jitterKnown()) {
      b.put("maxJitterMs", round(maxJitterMs, 3)).put("meanJitterMs", round(meanJitterMs, 3));
    }
    b.put("maxDeltaMs", round(maxDeltaMs, 3))
        .put("firstMs", round(firstMs, 3))
        .put("lastMs", round(lastMs, 3))
        .put("firstFrame", firstFrame)
        .put("lastFrame", lastFrame)
        .put("mosEstimate", round(mosEstimate, 2));
    farEnd.ifPresent(r -> b.put("rtcp", r.toDetails()));
    return b.build();
  }

  static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
