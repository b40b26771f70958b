package org.xphonediag.trace.internal;

/**
 * Internal: how the trace scanner hands an RTP or RTCP packet to a stream collector without
 * building a {@link org.xphonediag.trace.Packet} for it. The packet is {@code link}'s last scan
 * ({@link LinkDecoder#layout()}, valid during the call only); {@link LinkDecoder#packet()} builds the
 * packet when one is needed after all.
 */
public interface MediaSink {
  /** One UDP packet classified as RTP or RTCP. */
  void media(LinkDecoder link);
}
