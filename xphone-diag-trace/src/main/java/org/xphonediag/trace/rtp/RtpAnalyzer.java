package org.xphonediag.trace.rtp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.CaptureReader;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.Packet;
import org.xphonediag.trace.PacketDecoder;

/**
 * Analyses the RTP streams of a capture (RFC 3550, RFC 3551, RFC 5761, RFC 7983; docs/field-guide.md#media, #failure-patterns):
 * per SSRC and direction the packets, expected and lost packets (extended sequence numbers), loss
 * bursts, duplicates, reordering, §6.4.1 jitter in arrival order with the codec clock rate, the
 * largest gap, first and last packet, RTCP receiver reports, and an estimated MOS; then the
 * findings {@code media.packet-loss}, {@code media.high-jitter} (WARN, FAIL above the severe
 * thresholds of {@link RtpThresholds}), {@code media.one-way-audio} and {@code media.no-rtp}.
 *
 * <p>RTP is identified by the {@link MediaHint} endpoints first (codecs from their rtpmap), and
 * elsewhere by RFC 7983 first-byte demultiplexing (version 2), a sane header and ports from 1024
 * (such a stream needs two packets to count). RTCP is told apart by RFC 5761 (second byte
 * 192..223). SRTP is analysed from its clear header.
 *
 * <p>The MOS is an <em>estimate</em>: a simplified ITU-T G.107 E-model from the loss percentage
 * and the mean jitter (one-way delay taken as twice the jitter plus 10 ms; random loss with the
 * codec's G.113 packet-loss robustness), clamped to 1..4.5; it ignores delay, echo and burstiness.
 *
 * <p>A pure function of capture and hints: one streaming pass, memory bounded by {@link
 * Builder#maxStreams(int)} (default 2,000) streams. Immutable and thread-safe.
 *
 * <pre>{@code
 * RtpAnalysis a = RtpAnalyzer.builder()
 *     .thresholds(RtpThresholds.builder().loss(2, 8).build()).build()
 *     .analyze(Path.of("call.pcapng"), List.of());
 * a.streams().forEach(s -> System.out.println(s.summary()));
 * }</pre>
 */
public final class RtpAnalyzer {
  /** The default cap on tracked streams. */
  public static final int DEFAULT_MAX_STREAMS = 2_000;

  private final RtpThresholds thresholds;
  private final int maxStreams;

  private RtpAnalyzer(Builder b) {
    this.thresholds = b.thresholds;
    this.maxStreams = b.maxStreams;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The thresholds in use. */
  public RtpThresholds thresholds() {
    return thresholds;
  }

  /**
   * Reads {@code capture} in one pass and analyses its RTP streams.
   *
   * @param hints the negotiated media endpoints (may be empty: heuristic identification only)
   * @throws org.xphonediag.trace.NotACaptureException when the file is not a capture
   * @throws CaptureFormatException for a corrupt length, with its byte offset
   * @throws IOException when the capture cannot be read
   */
  public RtpAnalysis analyze(Path capture, List<MediaHint> hints) throws IOException, CaptureFormatException {
    Objects.requireNonNull(capture, "capture");
    RtpCollector c = collector(hints);
    PacketDecoder decoder = PacketDecoder.create();
    try (CaptureReader reader = CaptureReader.open(capture)) {
      for (Optional<CapturedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
        c.captureStart(f.get().epochNanos());
        Optional<Packet> p = decoder.decode(f.get());
        if (p.isPresent()) {
          c.accept(p.get());
        }
      }
    }
    return c.finish();
  }

  /** A collector for a caller's own pass over a capture (feed it every decoded packet in order). */
  public RtpCollector collector(List<MediaHint> hints) {
    Objects.requireNonNull(hints, "hints");
    return new RtpCollector(thresholds, maxStreams, hints);
  }

  /** Builds an {@link RtpAnalyzer}; not thread-safe. */
  public static final class Builder {
    private RtpThresholds thresholds = RtpThresholds.defaults();
    private int maxStreams = DEFAULT_MAX_STREAMS;

    private Builder() {}

    /** Loss and jitter thresholds (default {@link RtpThresholds#defaults()}). */
    public Builder thresholds(RtpThresholds t) {
      this.thresholds = Objects.requireNonNull(t, "thresholds");
      return this;
    }

    /** At most this many streams are tracked (1..1,000,000); packets of further streams are only counted. */
    public Builder maxStreams(int n) {
      if (n < 1 || n > 1_000_000) {
        throw new IllegalArgumentException("maxStreams must be 1..1000000 but was " + n);
      }
      this.maxStreams = n;
      return this;
    }

    public RtpAnalyzer build() {
      return new RtpAnalyzer(this);
    }
  }
}
