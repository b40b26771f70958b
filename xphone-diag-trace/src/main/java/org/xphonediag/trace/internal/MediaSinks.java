package org.xphonediag.trace.internal;

import java.util.Objects;
import java.util.function.Function;
import org.xphonediag.trace.rtp.RtpCollector;

/**
 * Internal: the trace scanner's way to an {@link RtpCollector}'s {@link MediaSink}, which the
 * collector keeps out of its public API. The collector's class registers the lookup once, when it
 * is initialised (so before any collector exists); the scanner asks for a collector's sink here.
 */
public final class MediaSinks {
  private static volatile Function<RtpCollector, MediaSink> lookup;

  private MediaSinks() {}

  /**
   * Registers how to get a collector's sink; {@link RtpCollector}'s class initialiser calls this once.
   *
   * @throws IllegalStateException when a lookup was registered already
   */
  public static synchronized void register(Function<RtpCollector, MediaSink> sinkOf) {
    Objects.requireNonNull(sinkOf, "sinkOf");
    if (lookup != null) {
      throw new IllegalStateException("the RtpCollector sink lookup was registered already");
    }
    lookup = sinkOf;
  }

  /** The sink through which {@code collector} reads the scanner's RTP and RTCP packets in place. */
  public static MediaSink of(RtpCollector collector) {
    Objects.requireNonNull(collector, "collector");
    return lookup.apply(collector); // registered: the collector's class is initialised
  }
}
