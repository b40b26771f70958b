package org.xphonediag.trace.internal;

/**
 * Internal: how the trace scanner hands an RTP or RTCP packet to a stream collector without
 * building a {@link org.xphonediag.trace.Packet} for it. The packet is {@code link}'s last scan
 * ({@link LinkDecoder#layout()}, valid during the call only); {@link LinkDecoder#packet()} builds the
 * packet when one is needed after all.
 */
public interface MediaSink {
  /**
   * One UDP packet the classifier decided is RTP or RTCP, of a flow whose state says how it was
   * identified; with {@link MediaClassifier.FlowState#replay} set, the flow's provisional packet
   * before it is RTP too and comes first.
   */
  void media(LinkDecoder link, MediaClassifier.FlowState flow);

  /** The capture's first frame's time, which stream times are relative to. */
  void captureStart(long epochNanos);
}
