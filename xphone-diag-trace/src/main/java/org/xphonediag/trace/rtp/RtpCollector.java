package org.xphonediag.trace.rtp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.Packet;
import org.xphonediag.trace.Transport;
import org.xphonediag.trace.rtp.internal.MediaFindings;
import org.xphonediag.trace.rtp.internal.Mos;
import org.xphonediag.trace.rtp.internal.RtpHeaders;
import org.xphonediag.trace.rtp.internal.StreamState;

/**
 * One pass of the RTP stream analysis: feed it every decoded {@link Packet} of a capture in file
 * order, then call {@link #finish()}. Lets a caller that already reads the capture (the trace
 * analyser) add stream analysis to its own pass. Memory is bounded by {@link
 * RtpAnalyzer.Builder#maxStreams(int)}. Not thread-safe; obtain one from {@link
 * RtpAnalyzer#collector(List)}.
 */
public final class RtpCollector {
  // equals/hashCode written out: a record's generated ones go through method handles, which cost a
  // lot per packet before the JIT has compiled them, i.e. for most of a one-second trace run
  private record Endpoint(IpAddress address, int port) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Endpoint e && port == e.port && address.equals(e.address);
    }

    @Override
    public int hashCode() {
      return address.hashCode() * 31 + port;
    }
  }

  private record StreamKey(IpAddress src, int srcPort, IpAddress dst, int dstPort, long ssrc) {
    @Override
    public boolean equals(Object o) {
      return o instanceof StreamKey k && ssrc == k.ssrc && srcPort == k.srcPort && dstPort == k.dstPort
          && src.equals(k.src) && dst.equals(k.dst);
    }

    @Override
    public int hashCode() {
      return ((src.hashCode() * 31 + srcPort) * 31 + dst.hashCode()) * 31 + dstPort + Long.hashCode(ssrc) * 17;
    }
  }

  private static final class Tracked {
    final StreamKey key;
    final int payloadType;
    final Optional<RtpCodec> codec;
    final MediaHint hint;
    final StreamState state;
    /** The RFC 4733 telephone-event payload type of the hint's rtpmap, or -1. */
    final int eventType;
    final long firstFrame;
    long lastFrame;

    Tracked(StreamKey key, int payloadType, Optional<RtpCodec> codec, MediaHint hint, long frame) {
      this.key = key;
      this.payloadType = payloadType;
      this.codec = codec;
      this.hint = hint;
      this.state = new StreamState(codec.map(RtpCodec::clockRate).orElse(0));
      this.eventType = hint == null ? -1 : hint.payloadTypes().entrySet().stream()
          .filter(e -> e.getValue().name().equalsIgnoreCase("telephone-event") && e.getKey() != payloadType)
          .mapToInt(Map.Entry::getKey).findFirst().orElse(-1);
      this.firstFrame = frame;
    }
  }

  private static final class Far {
    long reporter;
    int fraction;
    int cumulative;
    long jitter;
    long reports;
  }

  private final RtpThresholds thresholds;
  private final int maxStreams;
  private final List<MediaHint> hints;
  private final Map<Endpoint, MediaHint> byEndpoint = new HashMap<>();
  private final Map<Endpoint, MediaHint> rtcpEndpoints = new HashMap<>();
  private final long[] towardAfterAnswer;
  private final Map<StreamKey, Tracked> streams = new LinkedHashMap<>();
  private final Map<Long, Far> farEnd = new HashMap<>();
  private long captureStart = Long.MIN_VALUE;
  private long rtp;
  private long rtcp;
  private long untracked;
  private boolean finished;

  RtpCollector(RtpThresholds thresholds, int maxStreams, List<MediaHint> hints) {
    this.thresholds = thresholds;
    this.maxStreams = maxStreams;
    this.hints = List.copyOf(hints);
    this.towardAfterAnswer = new long[this.hints.size()];
    for (MediaHint h : this.hints) {
      Endpoint e = new Endpoint(h.address(), h.endpoint().port());
      byEndpoint.putIfAbsent(e, h);
      rtcpEndpoints.putIfAbsent(new Endpoint(h.address(), h.endpoint().port() + 1), h);
    }
  }

  /**
   * Adds a media endpoint learnt during the pass (e.g. from an SDP just read): streams that start
   * afterwards toward or from it are identified by it and take their codec from its rtpmap (RFC
   * 4733 telephone-event packets then count for loss but not for jitter). A later hint for the same
   * endpoint replaces an earlier one. Learnt hints do not take part in the one-way and no-RTP
   * judgement of {@link #finish()}: that needs the hints given at construction (or the caller's own
   * judgement once the calls are known).
   */
  public void learn(MediaHint hint) {
    Objects.requireNonNull(hint, "hint");
    Endpoint e = new Endpoint(hint.address(), hint.endpoint().port());
    if (!byEndpoint.containsKey(e) && byEndpoint.size() >= 4 * maxStreams) {
      return;
    }
    byEndpoint.put(e, hint);
    rtcpEndpoints.put(new Endpoint(hint.address(), hint.endpoint().port() + 1), hint);
  }

  /** Sets the capture's start (the first frame's time) that stream times are relative to. */
  public void captureStart(long epochNanos) {
    if (captureStart == Long.MIN_VALUE) {
      captureStart = epochNanos;
    }
  }

  /** Looks at one packet; anything that is not RTP or RTCP over UDP is ignored. */
  public void accept(Packet p) {
    Objects.requireNonNull(p, "packet");
    if (finished) {
      throw new IllegalStateException("accept after finish(): use a new collector per capture");
    }
    long arrival = p.frame().epochNanos();
    captureStart(arrival);
    byte[] b = p.buffer();
    int off = p.payloadOffset();
    int len = p.payloadLength();
    if (p.transport() != Transport.UDP || !RtpHeaders.version2(b, off, len)) {
      return;
    }
    Endpoint dst = new Endpoint(p.destination(), p.destinationPort());
    Endpoint src = new Endpoint(p.source(), p.sourcePort());
    if (RtpHeaders.rtcp(b, off, len)) {
      boolean known = !byEndpoint.isEmpty() && (byEndpoint.containsKey(dst) || rtcpEndpoints.containsKey(dst)
          || byEndpoint.containsKey(src) || rtcpEndpoints.containsKey(src));
      if (known || heuristicPorts(p)) {
        rtcp++;
        RtpHeaders.reports(b, off, len, this::report);
      }
      return;
    }
    MediaHint hint = byEndpoint.get(dst);
    if (hint == null) {
      hint = byEndpoint.get(src);
    }
    if (!RtpHeaders.saneRtp(b, off, len)) {
      return;
    }
    int pt = RtpHeaders.payloadType(b, off);
    if (hint == null && (!heuristicPorts(p) || pt >= 72 && pt <= 76)) {
      return;
    }
    rtp++;
    for (int i = 0; i < hints.size(); i++) {
      MediaHint h = hints.get(i);
      if (h.endpoint().port() == dst.port() && h.address().equals(dst.address())
          && h.answeredAt().isPresent() && arrival >= toNanos(h)) {
        towardAfterAnswer[i]++;
      }
    }
    StreamKey key = new StreamKey(p.source(), p.sourcePort(), p.destination(), p.destinationPort(),
        RtpHeaders.ssrc(b, off));
    Tracked t = streams.get(key);
    if (t == null) {
      if (streams.size() >= maxStreams) {
        untracked++;
        return;
      }
      Optional<RtpCodec> codec = hint != null ? hint.codec(pt) : RtpCodec.forStaticPayloadType(pt);
      t = new Tracked(key, pt, codec, hint, p.frame().number());
      streams.put(key, t);
    }
    t.lastFrame = p.frame().number();
    t.state.add(RtpHeaders.sequence(b, off), RtpHeaders.timestamp(b, off), arrival, pt != t.eventType);
  }

  private static long toNanos(MediaHint h) {
    java.time.Instant i = h.answeredAt().orElseThrow();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static boolean heuristicPorts(Packet p) {
    return p.sourcePort() >= 1024 && p.destinationPort() >= 1024;
  }

  private void report(long reporter, long reportee, int fraction, int cumulative, long jitter) {
    Far f = farEnd.get(reportee);
    if (f == null) {
      if (farEnd.size() >= 4 * maxStreams) {
        return;
      }
      f = new Far();
      farEnd.put(reportee, f);
    }
    f.reporter = reporter;
    f.fraction = fraction;
    f.cumulative = cumulative;
    f.jitter = jitter;
    f.reports++;
  }

  /** Ends the pass and returns the streams and findings. */
  public RtpAnalysis finish() {
    finished = true;
    List<RtpStream> out = new ArrayList<>(streams.size());
    for (Tracked t : streams.values()) {
      StreamState s = t.state;
      if (t.hint == null && s.packets() < 2) {
        continue;
      }
      s.finish();
      StreamKey k = t.key;
      double loss = s.expected() == 0 ? 0 : 100.0 * s.lost() / s.expected();
      Far f = farEnd.get(k.ssrc());
      Optional<RtcpReport> far = f == null ? Optional.empty() : Optional.of(new RtcpReport(f.reporter,
          f.fraction / 256.0, f.cumulative, s.clockRate() > 0 ? f.jitter * 1000.0 / s.clockRate() : -1, f.reports));
      out.add(new RtpStream(t.hint == null ? 0 : t.hint.call(), t.hint == null ? "heuristic" : "sdp",
          new HostAndPort(k.src().toString(), k.srcPort()), new HostAndPort(k.dst().toString(), k.dstPort()),
          k.ssrc(), t.payloadType, t.codec, s.packets(), s.expected(), s.lost(), s.lossBursts(), s.maxBurst(),
          s.duplicates(), s.reordered(), s.maxJitterMs(), s.meanJitterMs(), s.maxDeltaMs(),
          (s.firstNanos() - captureStart) / 1e6, (s.lastNanos() - captureStart) / 1e6, t.firstFrame, t.lastFrame,
          s.firstNanos(), s.lastNanos(),
          Mos.estimate(loss, s.meanJitterMs(), t.codec.map(RtpCodec::name).orElse("")), far));
    }
    return new RtpAnalysis(out, MediaFindings.of(out, hints, towardAfterAnswer, thresholds), rtp, rtcp, untracked);
  }
}
